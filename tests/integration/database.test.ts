import { Writable } from 'node:stream';
import { sql } from 'kysely';
import winston from 'winston';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../../db/database.ts';
import { createLogger, type Logger } from '../../platform/logger.ts';
import { testDatabase } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';

const stack = inject('stack');
const admin = testDatabase();

/**
 * What a PostgreSQL restart does to a process's pool, one connection at a time: the server ends
 * each backend. An 'error' no one listens to would end the process (vitest reports it as an
 * unhandled error and fails the run).
 */
describe('the database pool when the server ends its connections', () => {
  const lost: unknown[] = [];
  const logger: Pick<Logger, 'warn'> = createLogger('database-test', 'warn').add(
    new winston.transports.Stream({
      stream: new Writable({
        write: (chunk, _encoding, done) => {
          lost.push(String(chunk));
          done();
        },
      }),
    }),
  );
  const db = createDatabase(stack.postgresUrl, { poolSize: 2, logger });
  afterAll(() => db.destroy());

  const terminate = (pid: number) => admin.query('select pg_terminate_backend($1)', [pid]);

  it('survives it on a connection held in a transaction, and the next query gets a new one', async () => {
    const failed = await db
      .transaction()
      .execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        await terminate(rows[0]!.pid);
        // The termination arrives while the connection is checked out and idle.
        await eventually('the error on the held connection', async () =>
          lost.length > 0 ? true : undefined,
        );
        await sql`select 1`.execute(trx);
      })
      .then(
        () => false,
        () => true,
      );
    expect(failed).toBe(true);
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('survives it on idle connections', async () => {
    const before = lost.length;
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
    await terminate(rows[0]!.pid);
    await eventually('the error on the idle connection', async () =>
      lost.length > before ? true : undefined,
    );
    const again = await sql<{ one: number }>`select 1 as one`.execute(db);
    expect(again.rows).toEqual([{ one: 1 }]);
  });
});
