import { mkdtempSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePrivateFile } from './private-file.ts';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('writePrivateFile', () => {
  it('creates the file readable by its owner only', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'private-')), 'status.json');
    writePrivateFile(path, '{"devToken":"x"}');
    expect(modeOf(path)).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe('{"devToken":"x"}');
  });

  it('tightens a file an earlier run left readable by everyone', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'private-')), 'status.json');
    writeFileSync(path, 'old', { mode: 0o644 });
    expect(modeOf(path)).toBe(0o644);
    writePrivateFile(path, 'new');
    expect(modeOf(path)).toBe(0o600);
  });
});
