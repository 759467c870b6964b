import { chmodSync, writeFileSync } from 'node:fs';

/**
 * Writes a file only its owner can read. `writeFileSync`'s mode applies when it creates the
 * file; a file left by an earlier run (or written before this rule) keeps its old mode, so the
 * mode is set again afterwards — before the new content could matter, the old was no secret.
 */
export function writePrivateFile(path: string, content: string): void {
  writeFileSync(path, content, { mode: 0o600 });
  chmodSync(path, 0o600);
}
