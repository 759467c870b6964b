import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ASSERTION_FIELD, CallerSigner } from '../../platform/auth/caller-assertion.ts';
import type { AppName } from '../../stack/apps.ts';
import { apiAs } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';

/**
 * The locked-down mesh on the real local stack (docs/SECURITY.md, "The mesh"): sidecars that
 * answer only their app's token, apps that answer their sidecar's paths only with the app token,
 * service invocation denied, secrets and topics scoped per app, and actors that believe only a
 * caller assertion signed by a trusted signer for exactly this call.
 */
const stack = inject('stack');

const sidecar = (name: AppName) => `http://127.0.0.1:${stack.apps[name].daprHttpPort}`;
const tokenOf = (name: AppName) => stack.mesh.tokens[stack.apps[name].appId].dapr;

async function call(
  url: string,
  init: { method?: string; token?: string; body?: unknown; header?: string } = {},
): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token) headers[init.header ?? 'dapr-api-token'] = init.token;
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(12_000),
  });
  return { status: response.status, text: await response.text() };
}

describe('the sidecars', () => {
  it('answer nothing without their app’s API token', async () => {
    const anonymous = await call(`${sidecar('todo-gateway')}/v1.0/metadata`);
    expect(anonymous.status).toBe(401);
    const wrong = await call(`${sidecar('todo-gateway')}/v1.0/metadata`, {
      token: tokenOf('todo-actors'),
    });
    expect(wrong.status).toBe(401);
    const own = await call(`${sidecar('todo-gateway')}/v1.0/metadata`, {
      token: tokenOf('todo-gateway'),
    });
    expect(own.status).toBe(200);
  });

  it('do not hand out the JWT secret to anyone on the machine', async () => {
    const response = await call(`${sidecar('todo-gateway')}/v1.0/secrets/local-secrets/jwt-secret`);
    expect(response.status).toBe(401);
    expect(response.text).not.toContain(stack.secrets['jwt-secret']);
  });
});

describe('the apps', () => {
  it('refuse their sidecar’s paths without the app token, and keep health open', async () => {
    const actors = `http://127.0.0.1:${stack.apps['todo-actors'].appPort}`;
    const forged = await call(`${actors}/actors/TaskActor/${randomUUID()}/method/get`, {
      method: 'PUT',
      body: { caller: { user_id: 'someone', correlation_id: 'x' } },
    });
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.text)).toMatchObject({ code: 'sidecar_token_required' });
    const projector = `http://127.0.0.1:${stack.apps['todo-projector'].appPort}`;
    const event = await call(`${projector}/events/task-events`, { method: 'POST', body: {} });
    expect(event.status).toBe(401);
    const subscriptions = await call(`${projector}/dapr/subscribe`, {
      token: tokenOf('todo-actors'),
    });
    expect(subscriptions.status).toBe(401);
    expect((await call(`${actors}/healthz`)).status).toBe(200);
  });
});

describe('Dapr access control and scopes', () => {
  it('denies service invocation: no app id has a policy to call another', async () => {
    const response = await call(
      `${sidecar('todo-gateway')}/v1.0/invoke/todo-actors/method/healthz`,
      {
        token: tokenOf('todo-gateway'),
      },
    );
    expect(response.status).toBe(403);
  });

  it.each([
    ['todo-gateway', 'smtp-password'],
    ['todo-realtime-1', 'postgres-url'],
    ['todo-actors', 'jwt-secret'],
  ] as const)('lets %s read only its own secrets (not %s)', async (app, secret) => {
    const response = await call(`${sidecar(app)}/v1.0/secrets/local-secrets/${secret}`, {
      token: tokenOf(app),
    });
    expect(response.status).toBe(403);
    expect(response.text).not.toContain(stack.secrets[secret]);
  });

  it('lets an app read a secret it uses', async () => {
    const response = await call(
      `${sidecar('todo-realtime-1')}/v1.0/secrets/local-secrets/redis-url`,
      {
        token: tokenOf('todo-realtime-1'),
      },
    );
    expect(response.status).toBe(200);
  });

  it.each(['todo-gateway', 'todo-realtime-1', 'todo-projector'] as const)(
    'lets only the actor host publish task events (not %s)',
    async (app) => {
      const response = await call(`${sidecar(app)}/v1.0/publish/pubsub/task-events`, {
        method: 'POST',
        token: tokenOf(app),
        body: { forged: true },
      });
      expect(response.status).toBe(403);
    },
  );
});

describe('caller assertions', () => {
  type Api = Awaited<ReturnType<typeof apiAs>>;
  let alice: Api;
  const aliceId = `alice-${randomUUID()}`;
  let taskId: string;
  const gateway = new CallerSigner(
    'todo-gateway',
    stack.mesh.callerKeys['todo-gateway'].privateKey,
  );
  const notifier = new CallerSigner(
    'todo-notifier',
    stack.mesh.callerKeys['todo-notifier'].privateKey,
  );
  const impostorKey = generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const impostor = new CallerSigner('todo-gateway', impostorKey);

  beforeAll(async () => {
    alice = await apiAs(aliceId);
    const created = await alice.post('/tasks', { title: 'Alice’s bank PIN reminder' });
    taskId = String(created.body!.id);
  });

  /** Calls the task's actor as a workload in the mesh would: through a sidecar it holds. */
  const actorCall = (
    method: string,
    body: Record<string, unknown>,
    through: AppName = 'todo-realtime-1',
  ) =>
    call(`${sidecar(through)}/v1.0/actors/TaskActor/${taskId}/method/${method}`, {
      method: 'PUT',
      token: tokenOf(through),
      body,
    });
  const asAlice = { caller: { user_id: aliceId, correlation_id: 'mesh-test' } };
  const target = (method: string, id = taskId) => ({ actorType: 'TaskActor', actorId: id, method });

  it('serves a call the gateway signed, from any sidecar (the control)', async () => {
    const assertion = await gateway.sign(target('get'), asAlice, aliceId);
    const response = await actorCall('get', { ...asAlice, [ASSERTION_FIELD]: assertion });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toMatchObject({ ok: true, task: { id: taskId } });
  });

  it.each([
    ['no assertion', async () => ({ ...asAlice })],
    [
      'a key the actors do not trust',
      async () => ({
        ...asAlice,
        [ASSERTION_FIELD]: await impostor.sign(target('get'), asAlice, aliceId),
      }),
    ],
    [
      'an assertion for another actor',
      async () => ({
        ...asAlice,
        [ASSERTION_FIELD]: await gateway.sign(target('get', randomUUID()), asAlice, aliceId),
      }),
    ],
    [
      'an assertion for another user',
      async () => ({
        ...asAlice,
        [ASSERTION_FIELD]: await gateway.sign(target('get'), asAlice, `mallory-${randomUUID()}`),
      }),
    ],
    [
      'an assertion for another body',
      async () => ({
        caller: { user_id: aliceId, correlation_id: 'changed-after-signing' },
        [ASSERTION_FIELD]: await gateway.sign(target('get'), asAlice, aliceId),
      }),
    ],
    [
      'an expired assertion',
      async () => ({
        ...asAlice,
        [ASSERTION_FIELD]: await gateway.sign(
          target('get'),
          asAlice,
          aliceId,
          new Date(Date.now() - 5 * 60_000),
        ),
      }),
    ],
  ])('refuses a read of another user’s task with %s', async (_case, body) => {
    const response = await actorCall('get', await body());
    expect(response.status).not.toBe(200);
    expect(response.text).not.toContain('bank PIN');
  });

  it('refuses a signer a method outside its policy: the notifier cannot delete', async () => {
    const call = { ...asAlice, scope: 'occurrence' };
    const response = await actorCall('delete', {
      ...call,
      [ASSERTION_FIELD]: await notifier.sign(target('delete'), call, aliceId),
    });
    expect(response.status).not.toBe(200);
    const still = await alice.get(`/tasks/${taskId}`);
    expect(still.status).toBe(200);
  });

  it('leaves the inspector its actor counts without service invocation (the hosts report them)', async () => {
    await eventually('TaskActors in the inspector', async () => {
      const body = (await alice.get('/inspect/me')).body as {
        actor_types: { type: string; count: number }[];
      };
      const tasks = body.actor_types.find((entry) => entry.type === 'TaskActor');
      return tasks && tasks.count > 0 ? true : undefined;
    });
  });

  it('logs each refusal on the actor host', async () => {
    await eventually('the refusal in the actor host’s log', async () => {
      const log = readFileSync(join(stack.logDir, 'todo-actors.log'), 'utf8');
      const reasons = [
        'missing',
        'bad_signature',
        'wrong_target',
        'wrong_user',
        'wrong_body',
        'expired',
        'not_permitted',
      ];
      return log.includes('actor call refused') &&
        reasons.every((reason) => log.includes(`"reason":"${reason}"`))
        ? true
        : undefined;
    });
  });
});
