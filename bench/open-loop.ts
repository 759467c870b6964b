import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { percentiles } from './support.ts';

/**
 * Creates at a fixed offered rate, not as fast as connections allow: how latency holds at a given
 * load, which a closed loop hides by slowing its own arrivals. The same window measures the two
 * paths behind a write: event → read model (task_view's projected_at against the event's instant)
 * and event → Socket.IO receipt (every bench user has a socket open).
 *
 * Arrivals are evenly spaced (request i is due at start + i / rate) and each latency counts from
 * the instant its request was due, so a stalled server is charged for the requests that waited
 * behind it (no coordinated omission). Not autocannon's `overallRate`: it gives each connection
 * rate / connections requests per second and resets all the connections' counters together once a
 * second, so the whole second's requests leave in one burst; at 50/s its p99 measured the time
 * to drain a burst of 50 (about 500–950 ms here) rather than the latency at 50 a second.
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
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections ?? 256 });
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
      const run = await fixedRate(rate, options.seconds, (i) =>
        post(
          agent,
          `${options.gateway}/api/v1/tasks`,
          JSON.stringify({ title: `${prefix}${i}`, priority: 'high' }),
          options.tokens[i % options.tokens.length]!,
        ),
      );
      await sleep(3_000);
      const { rows } = await options.db.query<{ ms: number }>(
        `select extract(epoch from (projected_at - (task->>'updated_at')::timestamptz)) * 1000 as ms
           from task_view where task->>'title' like $1`,
        [`${prefix}%`],
      );
      window = undefined;
      const latency = percentiles(run.latencies.map(Math.round));
      return {
        offered_rps: rate,
        achieved_rps: Math.round((run.ok / run.seconds) * 10) / 10,
        p50: latency.p50,
        p99: latency.p99,
        max: latency.max,
        errors: run.errors,
        requests: run.latencies.length,
        event_to_read_model_ms: percentiles(rows.map((row) => Number(row.ms))),
        event_to_socket_ms: percentiles(socketDelays),
      };
    },
    close() {
      for (const socket of sockets) socket.close();
      agent.destroy();
    },
  };
}

/**
 * Sends `send(i)` for i = 0 … rate × seconds − 1, each at its due instant, without waiting for
 * earlier answers. Latency of each: answer − due instant.
 */
export async function fixedRate(
  rate: number,
  seconds: number,
  send: (i: number) => Promise<number>,
): Promise<{ latencies: number[]; ok: number; errors: number; seconds: number }> {
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  const start = performance.now() + 20;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(
      send(i).then(
        (status) => {
          latencies.push(performance.now() - due);
          if (status >= 200 && status < 300) ok++;
          else errors++;
        },
        () => {
          latencies.push(performance.now() - due);
          errors++;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  return { latencies, ok, errors, seconds: (performance.now() - start) / 1000 };
}

/** One POST on a kept-alive connection; answers the status once the body has been read. */
function post(agent: Agent, url: string, body: string, token: string): Promise<number> {
  return new Promise((resolveStatus, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolveStatus(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
