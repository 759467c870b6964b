import pg from 'pg';
import { afterAll, inject } from 'vitest';

/** A plain pg pool on the stack's database, closed after the file's tests. */
export function testDatabase(): pg.Pool {
  const pool = new pg.Pool({ connectionString: inject('stack').postgresUrl, max: 4 });
  afterAll(() => pool.end());
  return pool;
}
