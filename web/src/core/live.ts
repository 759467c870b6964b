import { io, type Socket } from 'socket.io-client';
import type { EventEnvelope } from '../../../schemas/events.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../schemas/realtime.ts';
import { api, loadSession } from './api.ts';

/**
 * Live updates: one Socket.IO connection to a realtime replica. The page refetches what it shows
 * when an event arrives (so a missed event, a version gap or a reconnect never leaves it stale).
 */
export async function connectLive(
  onEvent: (event: EventEnvelope) => void,
  onReconnect: () => void,
): Promise<Socket<ServerToClientEvents, ClientToServerEvents> | undefined> {
  const config = await api<{ realtime_urls: string[] }>('GET', '/config');
  const url = config.realtime_urls[Math.floor(Math.random() * config.realtime_urls.length)];
  if (!url) return undefined;
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    transports: ['websocket'],
    auth: (callback) => callback({ token: loadSession()?.access_token }),
  });
  socket.on('task:events', (events) => events.forEach((event) => onEvent(event)));
  socket.io.on('reconnect', onReconnect);
  socket.on('session:expired', () => socket.connect());
  return socket;
}
