import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cacheRoot } from '../paths.ts';
import { versions } from '../versions.ts';
import { run } from './run.ts';

/** schemathesis (from PyPI) in a virtual environment of its own, cached by version. */
export const schemathesisDir = join(cacheRoot, `schemathesis-${versions.schemathesis}`);
export const schemathesisBinary = join(schemathesisDir, 'bin', 'st');

export async function ensurePythonTools(): Promise<void> {
  if (existsSync(schemathesisBinary)) return;
  console.log(`[install] installing schemathesis ${versions.schemathesis} from PyPI`);
  rmSync(schemathesisDir, { recursive: true, force: true });
  await run('python3', ['-m', 'venv', schemathesisDir], { quiet: true });
  await run(
    join(schemathesisDir, 'bin', 'pip'),
    ['install', '--quiet', '--disable-pip-version-check', `schemathesis==${versions.schemathesis}`],
    { quiet: true },
  );
}
