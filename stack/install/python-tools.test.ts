import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../paths.ts';
import { versions } from '../versions.ts';
import { parseLockedRequirements, pipInstallArgs, pythonRequirements } from './python-tools.ts';

const sha = (digit: string) => digit.repeat(64);

describe('the Python tools install', () => {
  it('installs only the locked files, wheels only, every dependency locked too', () => {
    const args = pipInstallArgs('/repo/stack/python/requirements.txt');
    expect(args).toContain('--require-hashes');
    expect(args.join(' ')).toContain('--only-binary :all:');
    expect(args.join(' ')).toContain('--requirement /repo/stack/python/requirements.txt');
    expect(args).not.toContain('--no-deps');
  });

  it('has a committed lock: schemathesis at stack/versions.ts, every package pinned and hashed', () => {
    const locked = parseLockedRequirements(readFileSync(pythonRequirements, 'utf8'));
    expect(locked.get('schemathesis')?.version).toBe(versions.schemathesis);
    expect(locked.size).toBeGreaterThan(10);
    for (const [name, { hashes }] of locked) expect(hashes.length, name).toBeGreaterThan(0);
    const direct = readFileSync(join(repoRoot, 'stack', 'python', 'requirements.in'), 'utf8');
    expect(direct).toContain(`\nschemathesis==${versions.schemathesis}\n`);
  });

  it('reads pins, environment markers and continued hash lines as pip does', () => {
    const locked = parseLockedRequirements(
      [
        '# a comment',
        `Typing_Extensions==4.16.0 \\`,
        `    --hash=sha256:${sha('a')} \\`,
        `    --hash=sha256:${sha('b')}`,
        '    # via schemathesis',
        `colorama==0.4.6 ; sys_platform == 'win32' \\`,
        `    --hash=sha256:${sha('c')}`,
      ].join('\n'),
    );
    expect(Object.fromEntries(locked)).toEqual({
      'typing-extensions': { version: '4.16.0', hashes: [sha('a'), sha('b')] },
      colorama: { version: '0.4.6', hashes: [sha('c')] },
    });
  });

  it.each([
    ['schemathesis>=4', 'not pinned with =='],
    ['schemathesis', 'not pinned with =='],
    ['schemathesis==4.32.5', 'needs sha256 hashes'],
    [`schemathesis==4.32.5 --hash=md5:${'0'.repeat(32)}`, 'needs sha256 hashes'],
    [`schemathesis==4.32.5 --hash=sha256:${sha('a')} --index-url=http://x`, 'needs sha256 hashes'],
  ])('refuses %j', (line, message) => {
    expect(() => parseLockedRequirements(line)).toThrow(message);
  });
});
