/**
 * Load generator of the fan-out benchmark, in its own process: opens USERS × PER_USER Socket.IO
 * connections over the realtime replicas and records, for every event it receives, the delay
 * from the event's publication (occurred_at) to its receipt. Driven by its parent over IPC.
 */
import { io, type Socket } from 'socket.io-client';
import { signAccessToken } from '../platform/auth/tokens.ts';

const urls = (process.env.REALTIME_URLS ?? '').split(',');
const users = Number(process.env.USERS ?? 1000);
const perUser = Number(process.env.PER_USER ?? 10);
const secret = process.env.JWT_SECRET ?? '';

const sockets: Socket[] = [];
const delays: number[] = [];
let received = 0;

async function openAll(): Promise<void> {
  const started = Date.now();
  const targets = Array.from({ length: users * perUser }, (_, i) => ({
    user: `fanout-${i % users}`,
    url: urls[i % urls.length]!,
  }));
  const tokens = new Map<string, string>();
  for (let u = 0; u < users; u++)
    tokens.set(`fanout-${u}`, await signAccessToken(secret, `fanout-${u}`, '1h'));
  let next = 0;
  await Promise.all(
    Array.from({ length: 200 }, async () => {
      while (next < targets.length) {
        const target = targets[next++]!;
        await new Promise<void>((resolveOpen, reject) => {
          const socket = io(target.url, {
            auth: { token: tokens.get(target.user) },
            transports: ['websocket'],
            reconnection: false,
            timeout: 20_000,
          });
          socket.on('task:events', (events: { occurred_at: string; correlation_id: string }[]) => {
            for (const event of events) {
              if (event.correlation_id !== 'fanout-bench') continue;
              received++;
              delays.push(Date.now() - Date.parse(event.occurred_at));
            }
          });
          socket.once('session:ready', () => resolveOpen());
          socket.once('connect_error', reject);
          sockets.push(socket);
        });
      }
    }),
  );
  process.send?.({
    type: 'connected',
    count: sockets.length,
    seconds: (Date.now() - started) / 1000,
  });
}

process.on('message', (message: { type: string }) => {
  if (message.type === 'report') {
    process.send?.({ type: 'report', received, delays });
  } else if (message.type === 'close') {
    for (const socket of sockets) socket.disconnect();
    setTimeout(() => process.exit(0), 200);
  }
});

openAll().catch((error: unknown) => {
  process.send?.({
    type: 'error',
    message: error instanceof Error ? error.message : String(error),
  });
  process.exit(1);
});
