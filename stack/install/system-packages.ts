import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { commandExists, run } from './run.ts';

/** Debian packages the stack runs from, keyed by the binary that shows they are there. */
const debianPackages = [
  { binary: 'redis-server', pkg: 'redis-server' },
  { binary: 'initdb', pkg: 'postgresql', probe: () => postgresBinDir() !== undefined },
  // The browser tests drive Debian's Chromium (no browser download: the registries are all we reach).
  { binary: 'chromium', pkg: 'chromium' },
  // The HA profile's reverse proxy in front of the gateways, as the chart's ingress controller.
  { binary: 'nginx', pkg: 'nginx', probe: () => existsSync('/usr/sbin/nginx') },
  // The certificates of the API server the chart test installs into (tests/deploy/apiserver.test.ts).
  { binary: 'openssl', pkg: 'openssl' },
] as const;

/** Toolchains this kind of machine ships; they are not the project's to install. */
const toolchains = ['go', 'java', 'mvn', 'setpriv'];

export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .map(Number)
    .filter((major) => major >= 14 && existsSync(join(root, String(major), 'bin', 'initdb')))
    .sort((a, b) => b - a);
  return majors[0] === undefined ? undefined : join(root, String(majors[0]), 'bin');
}

export async function ensureSystemPackages(): Promise<void> {
  const missing: string[] = [];
  for (const entry of debianPackages) {
    const present = 'probe' in entry ? entry.probe() : await commandExists(entry.binary);
    if (!present) missing.push(entry.pkg);
  }
  if (missing.length > 0) {
    if (process.getuid?.() !== 0) {
      throw new Error(
        `missing system packages: ${missing.join(', ')} (install them, e.g. sudo apt-get install ${missing.join(' ')})`,
      );
    }
    console.log(`[install] apt-get install ${missing.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    await run('apt-get', ['update', '-qq'], { env, quiet: true });
    await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
      env,
      quiet: true,
    });
  }
  const absent: string[] = [];
  for (const tool of toolchains) if (!(await commandExists(tool))) absent.push(tool);
  if (absent.length > 0) throw new Error(`missing toolchains: ${absent.join(', ')}`);
}
