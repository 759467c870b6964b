import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cacheRoot, repoRoot } from '../paths.ts';
import { versions } from '../versions.ts';
import { run } from './run.ts';

/** schemathesis and all it installs, pinned with their files' hashes (see the file's header). */
export const pythonRequirements = join(repoRoot, 'stack', 'python', 'requirements.txt');

/** A requirement of a hashed requirements file: its pinned version and accepted file hashes. */
export interface LockedRequirement {
  version: string;
  hashes: string[];
}

/**
 * Reads a requirements file as pip --require-hashes does: one `name==version` per requirement
 * (an environment marker may follow), continued by `--hash=sha256:…` options. Refuses a
 * requirement that pip would refuse in that mode, so the install fails before any download.
 */
export function parseLockedRequirements(text: string): Map<string, LockedRequirement> {
  const requirements = new Map<string, LockedRequirement>();
  const logical = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean);
  for (const line of logical) {
    const [spec = '', ...options] = line.split(/\s+--/);
    const pin = /^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)\s*(;.*)?$/.exec(spec.trim());
    if (!pin) throw new Error(`not pinned with ==: ${spec}`);
    const hashes = options
      .map((option) => /^hash=sha256:([0-9a-f]{64})$/.exec(option.trim())?.[1])
      .filter((hash): hash is string => hash !== undefined);
    if (hashes.length === 0 || hashes.length !== options.length)
      throw new Error(`${pin[1]} needs sha256 hashes and nothing else: ${line}`);
    requirements.set(pin[1]!.toLowerCase().replace(/[._]/g, '-'), { version: pin[2]!, hashes });
  }
  return requirements;
}

/** Installs exactly the locked files: any other file, or an unlocked dependency, fails pip. */
export const pipInstallArgs = (requirementsFile: string): string[] => [
  'install',
  '--quiet',
  '--disable-pip-version-check',
  '--require-hashes',
  // Wheels only: building an sdist would fetch its build dependencies unchecked.
  '--only-binary',
  ':all:',
  '--requirement',
  requirementsFile,
];

/** Keyed by the lock too, so that a dependency update installs afresh. */
const lockKey = createHash('sha256')
  .update(readFileSync(pythonRequirements))
  .digest('hex')
  .slice(0, 8);
export const schemathesisDir = join(cacheRoot, `schemathesis-${versions.schemathesis}-${lockKey}`);
export const schemathesisBinary = join(schemathesisDir, 'bin', 'st');

export async function ensurePythonTools(): Promise<void> {
  if (existsSync(schemathesisBinary)) return;
  const locked = parseLockedRequirements(readFileSync(pythonRequirements, 'utf8'));
  if (locked.get('schemathesis')?.version !== versions.schemathesis)
    throw new Error(
      `${relative(repoRoot, pythonRequirements)} does not pin schemathesis==${versions.schemathesis} (stack/versions.ts)`,
    );
  console.log(`[install] installing schemathesis ${versions.schemathesis} from PyPI, hash-checked`);
  rmSync(schemathesisDir, { recursive: true, force: true });
  await run('python3', ['-m', 'venv', schemathesisDir], { quiet: true });
  await run(join(schemathesisDir, 'bin', 'pip'), pipInstallArgs(pythonRequirements), {
    quiet: true,
  });
}
