import { createHash } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { run } from '../install/run.ts';
import { postgresBinDir } from '../install/system-packages.ts';
import { ManagedProcess } from '../process.ts';
import { waitUntil } from '../wait.ts';

export interface PostgresSettings {
  dir: string;
  logFile: string;
  port: number;
  password: string;
  /** Off for per-run test clusters: fsync buys nothing for data thrown away after the run. */
  durable: boolean;
}

export const databaseName = 'todo';

export const postgresUrl = (port: number, password: string, database = databaseName): string =>
  `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

/** PostgreSQL refuses to run as root; as root the server runs as Debian's `postgres` user. */
function asServiceUser(command: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, args];
  return [
    'setpriv',
    ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', command, ...args],
  ];
}

function chownToServiceUser(path: string): void {
  if (process.getuid?.() !== 0) return;
  const { uid, gid } = serviceUserIds();
  chownSync(path, uid, gid);
}

function serviceUserIds(): { uid: number; gid: number } {
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((line) => line.startsWith('postgres:'));
  if (!entry) throw new Error('no postgres system user (Debian postgresql package missing)');
  const [, , uid, gid] = entry.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * The server user must reach its data dir. A checkout under a private home (/root) is not
 * reachable for `postgres`, so the cluster then lives in a per-checkout folder under /var/tmp.
 */
export function postgresHome(dir: string): string {
  if (process.getuid?.() !== 0) return dir;
  const ancestors: string[] = [];
  for (let current = dirname(dir); current !== dirname(current); current = dirname(current)) {
    ancestors.push(current);
  }
  const blocked = ancestors.some((path) => existsSync(path) && (statSync(path).mode & 0o001) === 0);
  if (!blocked) return dir;
  const key = createHash('sha256').update(dir).digest('hex').slice(0, 12);
  return join('/var/tmp', `todo-chatbot-postgres-${key}`);
}

export async function startPostgres(settings: PostgresSettings): Promise<ManagedProcess> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql');
  const home = postgresHome(settings.dir);
  const dataDir = join(home, 'data');
  mkdirSync(home, { recursive: true });
  chownToServiceUser(home);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    const pwFile = join(home, 'pwfile');
    writeFileSync(pwFile, `${settings.password}\n`, { mode: 0o600 });
    chownToServiceUser(pwFile);
    const [command, args] = asServiceUser(join(bin, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      'postgres',
      `--pwfile=${pwFile}`,
      '--auth-host=scram-sha-256',
      '--auth-local=peer',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-instructions',
    ]);
    await run(command, args, { quiet: true });
  }
  const options = [
    '-D',
    dataDir,
    '-p',
    String(settings.port),
    '-c',
    'listen_addresses=127.0.0.1',
    // Everything connects over TCP. A socket under the run dir can exceed the 107 bytes a Unix
    // socket path may have (a deep checkout plus a test run's folder name did, in CI).
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=200',
    '-c',
    'shared_buffers=256MB',
    '-c',
    'log_min_messages=warning',
    ...(settings.durable
      ? []
      : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
  ];
  const [command, args] = asServiceUser(join(bin, 'postgres'), options);
  const server = new ManagedProcess({
    name: 'postgres',
    command,
    args,
    logFile: settings.logFile,
    stopSignal: 'SIGINT',
  });
  server.start();
  const adminUrl = postgresUrl(settings.port, settings.password, 'postgres');
  await waitUntil('postgres', () => canQuery(adminUrl), {
    exited: server.whenExited(),
    logFile: settings.logFile,
    timeoutMs: 60_000,
  });
  await ensureDatabase(adminUrl, databaseName);
  return server;
}

export async function canQuery(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount === 0) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}
