/** `npm run contracts`: writes the JSON Schema contracts generated from the zod schemas. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractDocuments } from '../contracts.ts';

const root = dirname(fileURLToPath(import.meta.url));
for (const [file, document] of Object.entries(contractDocuments())) {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`wrote schemas/contracts/${file}`);
}
