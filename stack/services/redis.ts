import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { ManagedProcess } from '../process.ts';
import { waitUntil } from '../wait.ts';

export async function startRedis(settings: {
  dir: string;
  port: number;
  logFile: string;
}): Promise<ManagedProcess> {
  mkdirSync(settings.dir, { recursive: true });
  const server = new ManagedProcess({
    name: 'redis',
    command: 'redis-server',
    // Redis carries Socket.IO fan-out and rate-limit counters only: nothing to persist.
    args: [
      '--port',
      String(settings.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      settings.dir,
    ],
    logFile: settings.logFile,
  });
  server.start();
  await waitUntil('redis', () => redisPing(settings.port), {
    exited: server.whenExited(),
    logFile: settings.logFile,
  });
  return server;
}

/** PING over a raw socket: readiness without a Redis client in the stack. */
export function redisPing(port: number): Promise<boolean> {
  return new Promise((resolvePing) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const done = (ok: boolean) => {
      socket.destroy();
      resolvePing(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.once('connect', () => socket.write('PING\r\n'));
  });
}
