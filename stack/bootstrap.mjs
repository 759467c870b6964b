// @ts-check
// `npm start` and `npm test` run `node stack/bootstrap.mjs <script> [args…]`, in plain Node
// because nothing is installed yet, on whatever Node the machine has:
//   1. choose the Node the rest runs on: the running one if it is Node 24 or later, else the
//      pinned Node 24 in the machine cache, installed from the npm registry when missing;
//   2. with that Node, install npm packages when package-lock.json changed since the last
//      install, then hand over to the TypeScript installer (system packages, Dapr, Kafka jars);
//   3. run `npm run <script> -- <args>` with that Node first on PATH, relaying Ctrl-C/SIGTERM
//      and ending as the script ends (its exit code, or its signal).
// A pre-script cannot do this: npm runs the main script with the Node it was started with.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  REQUIRED_NODE_MAJOR,
  chooseNode,
  npmCommand,
  stackCacheRoot,
  withNodeFirst,
} from './node-runtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message, status = 1) {
  console.error(`[bootstrap] ${message}`);
  process.exit(status);
}

/** A step that failed: its message, and the exit status the bootstrap ends with. */
class StepError extends Error {
  /** @param {string} message */
  constructor(message, status = 1) {
    super(message);
    this.status = status;
  }
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 */
function run(command, args, env) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.error) throw new StepError(`${command}: ${result.error.message}`);
  if (result.status !== 0)
    throw new StepError(
      `${command} ${args.join(' ')} exited with ${result.status}`,
      result.status ?? 1,
    );
}

/**
 * @param {string} node
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 */
function runNpm(node, args, env) {
  const npm = npmCommand({ node, npmExecPath: process.env.npm_execpath, args });
  run(npm.command, npm.args, env);
}

/**
 * Downloads the pinned Node with `npm pack` (which checks the tarball against the registry's
 * integrity), checks it again against the integrity pinned in node-runtime.mjs, unpacks it
 * beside the cache entry and renames it into place: the entry exists complete or not at all,
 * and of two bootstraps installing at once, the second rename loses harmlessly.
 * @param {import('./node-runtime.mjs').PinnedNode} node
 */
function installPinnedNode(node) {
  console.log(
    `[bootstrap] Node.js ${process.version} is older than ${REQUIRED_NODE_MAJOR}: ` +
      `installing ${node.spec} from the npm registry into ${node.dir}`,
  );
  mkdirSync(dirname(node.dir), { recursive: true });
  const work = mkdtempSync(join(dirname(node.dir), `.${node.spec.replace('@', '-')}-`));
  try {
    const npm = npmCommand({
      node: process.execPath,
      npmExecPath: process.env.npm_execpath,
      args: ['pack', node.spec, '--json', '--pack-destination', work],
    });
    const packed = spawnSync(npm.command, npm.args, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (packed.status !== 0) throw new StepError(`npm pack ${node.spec} failed`);
    const [{ filename }] = JSON.parse(packed.stdout);
    const tarball = join(work, filename);
    const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    if (integrity !== node.integrity)
      throw new StepError(`${node.spec} hashes to ${integrity}, not the pinned ${node.integrity}`);
    run('tar', ['-xzf', tarball, '-C', work], process.env);
    const unpacked = join(work, 'package');
    const reported = spawnSync(join(unpacked, 'bin', 'node'), ['--version'], { encoding: 'utf8' });
    if (reported.stdout?.trim() !== node.version)
      throw new StepError(
        `${node.spec} reports ${reported.stdout?.trim() || reported.error?.message}`,
      );
    try {
      renameSync(unpacked, node.dir);
    } catch (error) {
      if (!existsSync(node.binary)) throw error;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Runs the script as the last step and ends like it. The signals a terminal or a supervisor
 * sends the bootstrap reach it too: Ctrl-C stops `npm start`'s stack, which then exits cleanly.
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 */
function relay(command, args, env) {
  const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
  /** @type {NodeJS.Signals[]} */
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  /** @param {NodeJS.Signals} signal */
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of signals) process.on(signal, forward);
  child.once('error', (error) => fail(`${command}: ${error.message}`));
  child.once('exit', (code, signal) => {
    for (const name of signals) process.off(name, forward);
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}

/** Steps 1 and 2: the Node the rest runs on, with every package installed. */
function prepare() {
  const node = chooseNode({
    running: process.version,
    execPath: process.execPath,
    cacheRoot: stackCacheRoot(),
    platform: process.platform,
    arch: process.arch,
  });
  if (node.source === 'pinned') {
    if (!existsSync(node.binary)) installPinnedNode(node);
    console.log(`[bootstrap] running on the pinned Node.js ${node.version} (${node.binary})`);
  }
  const env = withNodeFirst(process.env, node.binDir);
  const stale =
    !existsSync(installed) ||
    !existsSync(tsx) ||
    statSync(lock).mtimeMs > statSync(installed).mtimeMs;
  if (stale) runNpm(node.binary, ['ci', '--no-audit', '--no-fund'], env);
  run(node.binary, [tsx, join(root, 'stack', 'install', 'main.ts')], env);
  return { node, env };
}

const [script, ...args] = process.argv.slice(2);
/** @type {ReturnType<typeof prepare>} */
let prepared;
try {
  prepared = prepare();
} catch (error) {
  fail(
    error instanceof Error ? error.message : String(error),
    error instanceof StepError ? error.status : 1,
  );
}
if (script) {
  const npm = npmCommand({
    node: prepared.node.binary,
    npmExecPath: process.env.npm_execpath,
    args: ['run', script, '--', ...args],
  });
  relay(npm.command, npm.args, prepared.env);
}
