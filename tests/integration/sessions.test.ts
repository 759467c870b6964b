import { randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../../db/database.ts';
import { migrations } from '../../db/migrations/index.ts';
import { clientAt, someClientAddress } from '../support/client-address.ts';
import { testDatabase } from '../support/database.ts';

/** Sessions end: log-out, log-out everywhere, a new password, a replayed refresh token. */
const { post } = clientAt(someClientAddress());
const db = testDatabase();
const password = 'analytical engine';

interface Session {
  access_token: string;
  refresh_token: string;
}

async function signUp(): Promise<{ email: string; session: Session }> {
  const email = `sessions-${randomUUID()}@example.test`;
  const answer = await post('/auth/signup', { email, password });
  expect(answer.status).toBe(201);
  return { email, session: answer.body as unknown as Session };
}

async function logIn(email: string, secret = password): Promise<Session> {
  const answer = await post('/auth/login', { email, password: secret });
  expect(answer.status).toBe(200);
  return answer.body as unknown as Session;
}

const refresh = (session: Session) =>
  post('/auth/refresh', { refresh_token: session.refresh_token });
const bearer = (session: Session) => ({ authorization: `Bearer ${session.access_token}` });

describe('log-out', () => {
  it('revokes the presented refresh token, and says 204 however often', async () => {
    const { session } = await signUp();
    expect((await post('/auth/logout', { refresh_token: session.refresh_token })).status).toBe(204);
    const after = await refresh(session);
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ code: 'invalid_refresh_token' });
    expect((await post('/auth/logout', { refresh_token: session.refresh_token })).status).toBe(204);
  });

  it('ends the session, not the account: another session goes on', async () => {
    const { email, session: first } = await signUp();
    const second = await logIn(email);
    const rotated = await refresh(first);
    expect(rotated.status).toBe(200);
    expect(
      (await post('/auth/logout', { refresh_token: rotated.body!.refresh_token })).status,
    ).toBe(204);
    expect((await refresh(rotated.body as unknown as Session)).status).toBe(401);
    expect((await refresh(second)).status).toBe(200);
  });

  it('everywhere: every session of the user ends, and it needs an access token', async () => {
    const { email, session: first } = await signUp();
    const second = await logIn(email);
    const other = await signUp();
    expect((await post('/auth/logout-all', {})).status).toBe(401);
    expect((await post('/auth/logout-all', {}, bearer(second))).status).toBe(204);
    expect((await refresh(first)).status).toBe(401);
    expect((await refresh(second)).status).toBe(401);
    expect((await refresh(other.session)).status).toBe(200);
  });
});

describe('a new password', () => {
  it('needs the current one', async () => {
    const { email, session } = await signUp();
    const wrong = await post(
      '/me/password',
      { current_password: 'difference engine', new_password: 'a brand new secret' },
      bearer(session),
    );
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ code: 'wrong_password' });
    await logIn(email);
  });

  it('ends every other session, keeps the current one, and replaces the old password', async () => {
    const { email, session: current } = await signUp();
    const other = await logIn(email);
    const changed = await post(
      '/me/password',
      {
        current_password: password,
        new_password: 'a brand new secret',
        refresh_token: current.refresh_token,
      },
      bearer(current),
    );
    expect(changed.status).toBe(204);
    expect((await refresh(other)).status).toBe(401);
    expect((await refresh(current)).status).toBe(200);
    expect((await post('/auth/login', { email, password })).status).toBe(401);
    await logIn(email, 'a brand new secret');
  });
});

describe('refresh-token reuse', () => {
  it('ends the whole family when a rotated token comes back, and only that family', async () => {
    const { email, session: first } = await signUp();
    const elsewhere = await logIn(email);
    const second = await refresh(first);
    const third = await refresh(second.body as unknown as Session);
    expect([second.status, third.status]).toEqual([200, 200]);

    const replayed = await refresh(first);
    expect(replayed.status).toBe(401);
    expect(replayed.body).toMatchObject({ code: 'refresh_token_reused' });
    // The newest token of the family is revoked too: the thief's or the owner's, nobody knows.
    const newest = await refresh(third.body as unknown as Session);
    expect(newest.status).toBe(401);
    expect(newest.body).toMatchObject({ code: 'invalid_refresh_token' });
    expect((await refresh(elsewhere)).status).toBe(200);
  });
});

describe('password hashes', () => {
  it('upgrades a hash made with the old cost (N = 2^15) at the next log-in', async () => {
    const { email } = await signUp();
    const salt = randomBytes(16);
    const key = scryptSync(password, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 << 20 });
    const legacy = `scrypt$32768$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    await db.query('update accounts set password_hash = $1 where email = $2', [legacy, email]);

    await logIn(email);
    const { rows } = await db.query<{ password_hash: string }>(
      'select password_hash from accounts where email = $1',
      [email],
    );
    expect(rows[0]!.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    await logIn(email);
  });
});

describe('refresh tokens issued before families (migration 0009)', () => {
  it('each becomes a family of its own, unused, and the columns roll back', async () => {
    const name = `families_${randomUUID().replaceAll('-', '')}`;
    await db.query(`create database ${name}`);
    const url = new URL(inject('stack').postgresUrl);
    url.pathname = `/${name}`;
    const scratch = createDatabase(url.toString(), { poolSize: 2 });
    try {
      const migrator = new Migrator({
        db: scratch,
        provider: { getMigrations: async () => migrations },
      });
      expect((await migrator.migrateTo('0008-user-counters')).error).toBeUndefined();
      await sql`insert into accounts (id, email, password_hash) values ('a1', 'a@example.test', 'x')`.execute(
        scratch,
      );
      await sql`insert into refresh_tokens (token_hash, account_id, expires_at)
                values ('t1', 'a1', now() + interval '1 day'), ('t2', 'a1', now() + interval '1 day')`.execute(
        scratch,
      );

      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const rows = await scratch
        .selectFrom('refresh_tokens')
        .select(['token_hash', 'family_id', 'used_at'])
        .orderBy('token_hash')
        .execute();
      expect(rows.map((row) => [row.token_hash, row.used_at])).toEqual([
        ['t1', null],
        ['t2', null],
      ]);
      expect(new Set(rows.map((row) => row.family_id)).size).toBe(2);
      expect(rows.every((row) => row.family_id.length > 0)).toBe(true);

      expect((await migrator.migrateTo('0008-user-counters')).error).toBeUndefined();
    } finally {
      await scratch.destroy();
      await db.query(`drop database ${name}`);
    }
  });
});
