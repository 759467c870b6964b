import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { REQUIRED_NODE_MAJOR, parseNodeVersion } from '../../stack/node-runtime.mjs';
import { repoRoot } from '../../stack/paths.ts';
import { eventually } from '../support/eventually.ts';
import { descendants, stillRunning } from '../support/process-tree.ts';

/**
 * `npm start` as a person runs it: the README's command, in its own process group as a
 * terminal would, stopped with Ctrl-C (SIGINT to the group). Nothing it started may survive.
 */
describe('npm start', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'todo-npm-start-'));
  afterAll(() => rmSync(runDir, { recursive: true, force: true }));

  it('brings everything up, serves a POST and a GET, and leaves no process behind on Ctrl-C', async () => {
    const began = Date.now();
    const npm = spawn('npm', ['start', '--', '--run-dir', runDir], {
      cwd: repoRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(npm, 'exit');

    await new Promise<void>((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready:\n${output}`)), 150_000);
      const check = () => {
        if (output.includes('\nREADY')) {
          clearTimeout(timer);
          resolveReady();
        }
      };
      npm.stdout.on('data', check);
      void exited.then(() => reject(new Error(`npm start exited:\n${output}`)));
    });
    const readySeconds = (Date.now() - began) / 1000;
    console.log(
      `[npm start] ready after ${readySeconds.toFixed(1)} s (including the install check)`,
    );

    // On a machine with an older Node, npm start runs the stack on the pinned Node 24.
    const runsOn = /on Node\.js (v\S+) in /.exec(output)?.[1];
    expect(runsOn, 'the Node.js npm start reports').toBeDefined();
    expect(parseNodeVersion(runsOn!).major).toBeGreaterThanOrEqual(REQUIRED_NODE_MAJOR);
    expect(output).toMatch(/API\s+http:\/\/127\.0\.0\.1:\d+\/api\/v1/);
    expect(output).toMatch(/SMTP sink\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(output).toMatch(/Metrics/);

    // status.json holds every secret of the stack and the dev token: owner-only.
    expect(statSync(join(runDir, 'status.json')).mode & 0o777).toBe(0o600);
    expect(statSync(join(runDir, 'secrets.json')).mode & 0o777).toBe(0o600);
    const status = JSON.parse(readFileSync(join(runDir, 'status.json'), 'utf8')) as {
      gatewayUrl: string;
      devToken: string;
    };
    const headers = {
      authorization: `Bearer ${status.devToken}`,
      'content-type': 'application/json',
    };
    const post = await fetch(`${status.gatewayUrl}/api/v1/tasks`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'from npm start' }),
    });
    expect(post.status).toBe(201);
    const task = (await post.json()) as { id: string };
    const get = await fetch(`${status.gatewayUrl}/api/v1/tasks/${task.id}`, { headers });
    expect(get.status).toBe(200);
    expect(await get.json()).toMatchObject({ id: task.id, title: 'from npm start' });

    const tree = descendants(npm.pid!);
    expect(tree.length).toBeGreaterThanOrEqual(12);
    process.kill(-npm.pid!, 'SIGINT');
    const [code, signal] = await exited;
    // npm itself dies of the SIGINT it got like any foreground process; the supervisor below it
    // stops its children and exits 0 on its own schedule, which is what is awaited here.
    expect(code === 0 || signal === 'SIGINT').toBe(true);
    const survivors = await eventually('every started process to end', async () =>
      stillRunning(tree).length === 0 ? [] : undefined,
    ).catch(() => stillRunning(tree));
    expect(survivors).toEqual([]);
    expect(output).toContain('stopped.');
  });
});
