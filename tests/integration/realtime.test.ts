import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { signAccessToken } from '../../platform/auth/tokens.ts';
import type { EventEnvelope } from '../../schemas/events.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../schemas/realtime.ts';
import { apiAs } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';

const stack = inject('stack');
type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const sockets: Client[] = [];
afterAll(() => sockets.forEach((socket) => socket.disconnect()));

async function connect(replica: 'todo-realtime-1' | 'todo-realtime-2', token: string) {
  const received: EventEnvelope[] = [];
  const socket: Client = io(`http://127.0.0.1:${stack.apps[replica].appPort}`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
  });
  sockets.push(socket);
  socket.on('task:events', (events) => received.push(...events));
  const ready = await new Promise<{ user_id: string }>((resolveReady, reject) => {
    socket.once('session:ready', resolveReady);
    socket.once('connect_error', reject);
  });
  return { socket, received, ready };
}

const tokenFor = (userId: string) => signAccessToken(stack.secrets['jwt-secret'], userId);

describe('live sync over Socket.IO with the Redis adapter', () => {
  it('a change through the REST API reaches the user on both replicas, and nobody else', async () => {
    const alice = `rt-alice-${randomUUID()}`;
    const bob = `rt-bob-${randomUUID()}`;
    const [onOne, onTwo, bobsSocket] = await Promise.all([
      connect('todo-realtime-1', await tokenFor(alice)),
      connect('todo-realtime-2', await tokenFor(alice)),
      connect('todo-realtime-1', await tokenFor(bob)),
    ]);
    expect(onOne.ready.user_id).toBe(alice);

    const created = await (await apiAs(alice)).post('/tasks', { title: 'seen live' });
    const id = String(created.body!.id);
    for (const client of [onOne, onTwo]) {
      const event = await eventually('the event on the socket', async () =>
        client.received.find((e) => e.task_id === id),
      );
      expect(event).toMatchObject({ event_type: 'task.created', version: 1, user_id: alice });
    }

    // Bob's own event arriving proves his socket works; Alice's never came.
    const bobs = await (await apiAs(bob)).post('/tasks', { title: 'bob only' });
    await eventually('bob’s own event', async () =>
      bobsSocket.received.find((e) => e.task_id === bobs.body!.id),
    );
    expect(bobsSocket.received.filter((e) => e.user_id !== bob)).toEqual([]);
    expect(onOne.received.filter((e) => e.user_id !== alice)).toEqual([]);
  });

  it('refuses a connection without a valid token', async () => {
    await expect(connect('todo-realtime-1', 'not-a-token')).rejects.toThrow('unauthorized');
    await expect(
      connect('todo-realtime-2', await signAccessToken('some-other-secret-of-enough-length', 'x')),
    ).rejects.toThrow('unauthorized');
  });

  it('caps the connections of one user across replicas', async () => {
    const userId = `rt-many-${randomUUID()}`;
    const token = await tokenFor(userId);
    for (let i = 0; i < 20; i++)
      await connect(i % 2 === 0 ? 'todo-realtime-1' : 'todo-realtime-2', token);
    await expect(connect('todo-realtime-2', token)).rejects.toThrow('too_many_connections');
  });

  it('closes a socket that sends more than a small message (clients send nothing but the handshake)', async () => {
    const { socket } = await connect('todo-realtime-1', await tokenFor(`rt-big-${randomUUID()}`));
    const closed = new Promise<string>((resolveClosed) => socket.once('disconnect', resolveClosed));
    (socket as unknown as Socket).emit('anything', 'x'.repeat(100_000));
    expect(await closed).toBe('transport close');
  });
});
