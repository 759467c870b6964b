import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { InvalidTokenError, verifyAccessToken } from '../platform/auth/tokens.ts';
import type { Logger } from '../platform/logger.ts';
import { prometheus, registry } from '../platform/metrics.ts';
import type { EventEnvelope } from '../schemas/events.ts';
import {
  REALTIME_PATH,
  userRoom,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from '../schemas/realtime.ts';
import { groupByUser } from './user-batches.ts';

const connections = new prometheus.Gauge({
  name: 'realtime_connections',
  help: 'Open Socket.IO connections on this replica',
  registers: [registry],
});
const emitDelay = new prometheus.Histogram({
  name: 'realtime_emit_delay_seconds',
  help: 'Time from an event occurring to its emission to the user’s sockets',
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export interface RealtimeOptions {
  httpServer: HttpServer;
  redis: Redis;
  jwtSecret: string;
  maxConnectionsPerUser: number;
  corsOrigins: string[];
  logger: Logger;
}

export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/**
 * Socket.IO with the Redis adapter: an event emitted to a user's room on any replica reaches the
 * user's sockets on every replica. A connection needs a valid access token, lives in its user's
 * room only, and is closed when the token expires.
 */
export function createRealtimeServer(options: RealtimeOptions): RealtimeServer {
  const io: RealtimeServer = new Server(options.httpServer, {
    path: REALTIME_PATH,
    cors: { origin: options.corsOrigins.length > 0 ? options.corsOrigins : false },
    serveClient: false,
    // Clients only listen: a handshake with a token is the largest thing one sends. The default
    // (1 MB) would let any connection make the server read and parse a megabyte per message.
    maxHttpBufferSize: 16 * 1024,
  });
  io.adapter(createAdapter(options.redis, options.redis.duplicate()));

  io.use(async (socket, next) => {
    const auth = socket.handshake.auth as { token?: unknown };
    const header = socket.handshake.headers.authorization;
    const token = typeof auth.token === 'string' ? auth.token : header?.replace(/^Bearer\s+/i, '');
    if (!token) return next(new Error('unauthorized'));
    try {
      const { userId } = await verifyAccessToken(options.jwtSecret, token);
      const open = await io.in(userRoom(userId)).fetchSockets();
      if (open.length >= options.maxConnectionsPerUser)
        return next(new Error('too_many_connections'));
      socket.data.userId = userId;
      const expiresAt = decodeExpiry(token);
      if (expiresAt) {
        const timer = setTimeout(
          () => {
            socket.emit('session:expired');
            socket.disconnect(true);
          },
          Math.max(0, expiresAt - Date.now()),
        );
        timer.unref();
        socket.once('disconnect', () => clearTimeout(timer));
      }
      next();
    } catch (error) {
      next(
        new Error(
          error instanceof InvalidTokenError && error.reason === 'expired'
            ? 'token_expired'
            : 'unauthorized',
        ),
      );
    }
  });

  io.on('connection', (socket) => {
    connections.inc();
    void socket.join(userRoom(socket.data.userId));
    socket.emit('session:ready', {
      user_id: socket.data.userId,
      server_time: new Date().toISOString(),
    });
    socket.once('disconnect', () => connections.dec());
  });
  return io;
}

/**
 * Sends events to every socket of their users, on every replica: one emit (one message through
 * Redis to the other replicas) per user, with that user's events in order.
 */
export function emitToUsers(io: RealtimeServer, events: EventEnvelope[]): void {
  for (const [userId, own] of groupByUser(events)) io.to(userRoom(userId)).emit('task:events', own);
  const now = Date.now();
  for (const event of events) emitDelay.observe((now - Date.parse(event.occurred_at)) / 1000);
}

/** The token was verified already; only its expiry is read here. */
function decodeExpiry(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
      exp?: number;
    };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
