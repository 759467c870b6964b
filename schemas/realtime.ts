import type { EventEnvelope } from './events.ts';

/**
 * The Socket.IO contract between the realtime servers and browsers. Every task event of the
 * user arrives in a `task:events` message (the user's events of one delivery, each task's in
 * version order), with the task's version: a client that sees a version gap for a task (or
 * reconnects) refetches it over REST.
 */
export interface ServerToClientEvents {
  'session:ready': (session: { user_id: string; server_time: string }) => void;
  'task:events': (events: EventEnvelope[]) => void;
  'session:expired': () => void;
}

/** Browsers only listen; nothing they send is trusted or needed. */
export type ClientToServerEvents = Record<string, never>;

export interface SocketData {
  userId: string;
}

export const userRoom = (userId: string): string => `user:${userId}`;

export const REALTIME_PATH = '/socket.io';
