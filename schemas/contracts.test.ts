import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contractDocuments } from './contracts.ts';

const contractsDir = join(dirname(fileURLToPath(import.meta.url)), 'contracts');

const committed = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? committed(join(dir, entry.name))
      : entry.name.endsWith('.schema.json')
        ? [relative(contractsDir, join(dir, entry.name))]
        : [],
  );

describe('committed contracts', () => {
  const generated = contractDocuments();

  it('are exactly the generated set (run `npm run contracts` after changing a schema)', () => {
    expect(committed(contractsDir).sort()).toEqual(Object.keys(generated).sort());
  });

  it.each(Object.keys(generated))('%s matches the zod schema', (file) => {
    expect(JSON.parse(readFileSync(join(contractsDir, file), 'utf8'))).toEqual(generated[file]);
  });
});
