import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AssertionRefused,
  CallerSigner,
  CallerVerifier,
  trustedKeysSchema,
  type RefusalReason,
} from './caller-assertion.ts';

const pair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};
const gatewayKeys = pair();
const gateway = new CallerSigner('todo-gateway', gatewayKeys.privateKey);
const verifier = new CallerVerifier({ 'todo-gateway': gatewayKeys.publicKey });
const target = { actorType: 'TaskActor', actorId: 'task-1', method: 'get' };
const body = { caller: { user_id: 'alice', correlation_id: 'c-1' } };
const now = new Date('2026-12-01T12:00:00Z');

async function refusal(promise: Promise<unknown>): Promise<RefusalReason> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AssertionRefused);
  return (error as AssertionRefused).reason;
}

describe('caller assertions', () => {
  it('verify for the target and body they were signed for', async () => {
    const assertion = await gateway.sign(target, body, 'alice', now);
    await expect(verifier.verify(assertion, target, body, now)).resolves.toMatchObject({
      iss: 'todo-gateway',
      sub: 'alice',
      act: 'TaskActor/task-1/get',
    });
  });

  it('carry no subject for a service’s own call', async () => {
    const assertion = await gateway.sign(target, {}, undefined, now);
    const claims = await verifier.verify(assertion, target, {}, now);
    expect(claims.sub).toBeUndefined();
  });

  it('survive a JSON round trip of the body, as through the sidecars', async () => {
    const sent = { caller: body.caller, patch: { title: 'Ünïcode ✓', priority: 'high', n: 0.1 } };
    const assertion = await gateway.sign(target, sent, 'alice', now);
    const received: unknown = JSON.parse(JSON.stringify(sent));
    await expect(verifier.verify(assertion, target, received, now)).resolves.toBeDefined();
  });

  it.each<[string, () => Promise<[unknown, typeof target, unknown, Date]>, RefusalReason]>([
    ['missing', async () => [undefined, target, body, now], 'missing'],
    ['not a string', async () => [42, target, body, now], 'malformed'],
    ['garbage', async () => ['a.b.c', target, body, now], 'malformed'],
    [
      'from a signer nobody trusts',
      async () => [
        await new CallerSigner('todo-realtime', pair().privateKey).sign(target, body, 'alice', now),
        target,
        body,
        now,
      ],
      'unknown_signer',
    ],
    [
      'signed with another key under a trusted name',
      async () => [
        await new CallerSigner('todo-gateway', pair().privateKey).sign(target, body, 'alice', now),
        target,
        body,
        now,
      ],
      'bad_signature',
    ],
    [
      'too old',
      async () => [
        await gateway.sign(target, body, 'alice', now),
        target,
        body,
        new Date(now.getTime() + 120_000),
      ],
      'expired',
    ],
    [
      'for another method',
      async () => [
        await gateway.sign(target, body, 'alice', now),
        { ...target, method: 'delete' },
        body,
        now,
      ],
      'wrong_target',
    ],
    [
      'for another actor',
      async () => [
        await gateway.sign(target, body, 'alice', now),
        { ...target, actorId: 'task-2' },
        body,
        now,
      ],
      'wrong_target',
    ],
    [
      'for another body',
      async () => [
        await gateway.sign(target, body, 'alice', now),
        target,
        { caller: { user_id: 'mallory', correlation_id: 'c-1' } },
        now,
      ],
      'wrong_body',
    ],
  ])('are refused when %s', async (_case, make, reason) => {
    const [assertion, to, withBody, at] = await make();
    expect(await refusal(verifier.verify(assertion, to, withBody, at))).toBe(reason);
  });

  it('refuse a key that is not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(
      () =>
        new CallerSigner(
          'todo-gateway',
          rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        ),
    ).toThrow(/Ed25519/);
    expect(
      () =>
        new CallerVerifier({
          'todo-gateway': rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        }),
    ).toThrow(/Ed25519/);
  });

  it('read the trusted keys from JSON, refusing anything else', () => {
    expect(trustedKeysSchema.parse(JSON.stringify({ a: 'pem' }))).toEqual({ a: 'pem' });
    expect(trustedKeysSchema.safeParse('not json').success).toBe(false);
    expect(trustedKeysSchema.safeParse('["pem"]').success).toBe(false);
  });
});
