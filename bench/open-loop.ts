import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import type pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { percentiles } from './support.ts';

/**
 * Creates at a fixed offered rate (autocannon's overallRate), not as fast as connections allow:
 * how latency holds at a given load, which a closed loop hides by slowing its own arrivals. The
 * same window measures the two paths behind a write: event → read model (task_view's projected_at
 * against the event's instant) and event → Socket.IO receipt (every bench user has a socket open).
 */
export interface OpenLoopOptions {
  gateway: string;
  realtimeUrls: string[];
  tokens: string[];
  db: pg.Pool;
  seconds: number;
  /** Connections enough that the rate, not the connections, limits the arrivals. */
  connections?: number;
}

export interface OpenLoopRow {
  offered_rps: number;
  achieved_rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  requests: number;
  event_to_read_model_ms: ReturnType<typeof percentiles>;
  event_to_socket_ms: ReturnType<typeof percentiles>;
}

export interface OpenLoopBench {
  run(rate: number): Promise<OpenLoopRow>;
  close(): void;
}

export async function openLoopBench(options: OpenLoopOptions): Promise<OpenLoopBench> {
  let window: string | undefined;
  let socketDelays: number[] = [];
  const sockets: Socket[] = await Promise.all(
    options.tokens.map(
      (token, i) =>
        new Promise<Socket>((resolveOpen, reject) => {
          const socket = io(options.realtimeUrls[i % options.realtimeUrls.length]!, {
            auth: { token },
            transports: ['websocket'],
            reconnection: false,
            timeout: 20_000,
          });
          // One message per user per delivered batch (schemas/realtime.ts).
          socket.on(
            'task:events',
            (events: { occurred_at: string; data?: { task?: { title?: string } } }[]) => {
              const receivedAt = Date.now();
              for (const event of events)
                if (window && event.data?.task?.title?.startsWith(window))
                  socketDelays.push(receivedAt - Date.parse(event.occurred_at));
            },
          );
          socket.once('session:ready', () => resolveOpen(socket));
          socket.once('connect_error', reject);
        }),
    ),
  );

  return {
    async run(rate) {
      window = `open-${rate}-${Date.now()}-`;
      socketDelays = [];
      const prefix = window;
      let counter = 0;
      const result = await autocannon({
        url: options.gateway,
        connections: options.connections ?? 64,
        overallRate: rate,
        duration: options.seconds,
        requests: [
          {
            setupRequest: (request) => {
              const i = counter++;
              return {
                ...request,
                method: 'POST',
                path: '/api/v1/tasks',
                body: JSON.stringify({ title: `${prefix}${i}`, priority: 'high' }),
                headers: {
                  authorization: `Bearer ${options.tokens[i % options.tokens.length]}`,
                  'content-type': 'application/json',
                },
              };
            },
          },
        ],
      });
      // The last events of the window reach the read model and the sockets a moment later.
      await sleep(3_000);
      const { rows } = await options.db.query<{ ms: number }>(
        `select extract(epoch from (projected_at - (task->>'updated_at')::timestamptz)) * 1000 as ms
           from task_view where task->>'title' like $1`,
        [`${prefix}%`],
      );
      window = undefined;
      return {
        offered_rps: rate,
        achieved_rps: Math.round((result.requests.total / options.seconds) * 10) / 10,
        p50: result.latency.p50,
        p99: result.latency.p99,
        max: result.latency.max,
        errors: result.errors + result.non2xx,
        requests: result.requests.total,
        event_to_read_model_ms: percentiles(rows.map((row) => Number(row.ms))),
        event_to_socket_ms: percentiles(socketDelays),
      };
    },
    close() {
      for (const socket of sockets) socket.close();
    },
  };
}
