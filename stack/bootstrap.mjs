// First step of `npm start` and `npm test`, in plain Node because nothing is installed yet:
// install npm packages when package-lock.json changed since the last install, then hand over
// to the TypeScript installer for system packages, Dapr binaries and Kafka jars.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const stale =
  !existsSync(installed) ||
  !existsSync(tsx) ||
  statSync(lock).mtimeMs > statSync(installed).mtimeMs;
if (stale) run('npm', ['ci', '--no-audit', '--no-fund']);
run(tsx, [join(root, 'stack', 'install', 'main.ts')]);
