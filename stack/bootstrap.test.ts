import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pinnedNodeDir } from './node-runtime.mjs';
import { repoRoot } from './paths.ts';

/**
 * The launcher behind `npm start` and `npm test`, copied into a project of its own whose
 * packages are installed and whose installer is a stub: what it runs, with which Node and
 * arguments, and how it ends. Its cache holds a "pinned Node" that is this runner's, so that the
 * bootstrap takes the same path (and downloads nothing) on a runner older than 24 too.
 */
describe('stack/bootstrap.mjs', () => {
  const project = mkdtempSync(join(tmpdir(), 'todo-bootstrap-'));
  const cache = join(project, 'cache');
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  mkdirSync(join(project, 'stack', 'install'), { recursive: true });
  mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
  mkdirSync(join(pinnedNodeDir(cache), 'bin'), { recursive: true });
  symlinkSync(process.execPath, join(pinnedNodeDir(cache), 'bin', 'node'));
  for (const file of ['bootstrap.mjs', 'node-runtime.mjs'])
    copyFileSync(join(repoRoot, 'stack', file), join(project, 'stack', file));
  writeFileSync(join(project, 'package-lock.json'), '{}');
  utimesSync(join(project, 'package-lock.json'), new Date(0), new Date(0));
  writeFileSync(join(project, 'node_modules', '.package-lock.json'), '{}');
  writeFileSync(join(project, 'stack', 'install', 'main.ts'), '');
  writeFileSync(
    join(project, 'node_modules', '.bin', 'tsx'),
    'console.log(`installer on ${process.version}`);',
  );
  writeFileSync(
    join(project, 'probe.mjs'),
    `import { writeFileSync } from 'node:fs';
const [mode, ...args] = process.argv.slice(2);
if (mode === 'report')
  console.log(JSON.stringify({ execPath: process.execPath, args, path: process.env.PATH }));
if (mode === 'fail') process.exit(7);
if (mode === 'wait') {
  const stop = () => (writeFileSync('stopped', ''), process.exit(0));
  process.on('SIGINT', () => setTimeout(stop, 300));
  console.log('waiting');
  setInterval(() => {}, 1000);
}`,
  );
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'bootstrap-probe',
      private: true,
      scripts: {
        report: 'node probe.mjs report',
        fail: 'node probe.mjs fail',
        wait: 'node probe.mjs wait',
      },
    }),
  );
  const env = { ...process.env, TODO_STACK_CACHE: cache };
  const bootstrap = (args: string[]) =>
    spawnSync(process.execPath, ['stack/bootstrap.mjs', ...args], {
      cwd: project,
      env,
      encoding: 'utf8',
    });

  it('installs, then runs the script with its arguments on the chosen Node, first on PATH', () => {
    const result = bootstrap(['report', 'one', '--two', 'three four']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`installer on ${process.version}`);
    const report = JSON.parse(result.stdout.split('\n').find((line) => line.startsWith('{'))!) as {
      execPath: string;
      args: string[];
      path: string;
    };
    expect(report.args).toEqual(['one', '--two', 'three four']);
    expect(realpathSync(report.execPath)).toBe(realpathSync(process.execPath));
    // npm puts node_modules/.bin folders before the PATH it was given; the chosen Node comes next.
    const firstNode = report.path
      .split(delimiter)
      .find((dir) => !dir.endsWith(join('node_modules', '.bin')) && !dir.includes('node-gyp-bin'));
    expect(realpathSync(join(firstNode!, 'node'))).toBe(realpathSync(process.execPath));
  });

  it("ends with the script's exit code", () => {
    expect(bootstrap(['fail']).status).toBe(7);
  });

  it('outlives a Ctrl-C until the script has stopped, then ends as `npm run` does', async () => {
    const child = spawn(process.execPath, ['stack/bootstrap.mjs', 'wait'], {
      cwd: project,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<{ code: number | null; signal: string | null; stopped: boolean }>(
      (done) =>
        child.once('exit', (code, signal) =>
          done({ code, signal, stopped: existsSync(join(project, 'stopped')) }),
        ),
    );
    await new Promise<void>((ready) =>
      child.stdout.on(
        'data',
        (chunk: Buffer) => (output += chunk.toString()).includes('waiting') && ready(),
      ),
    );
    // As a terminal does: to the whole foreground process group. The script takes its time to
    // stop; npm (through its shell) then ends of the SIGINT, and so does the bootstrap.
    process.kill(-child.pid!, 'SIGINT');
    expect(await exited).toEqual({ code: null, signal: 'SIGINT', stopped: true });
  });
});
