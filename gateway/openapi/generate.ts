/** Part of `npm run contracts`: writes schemas/contracts/openapi.json from the zod schemas. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../stack/paths.ts';
import { openApiDocument } from './document.ts';

export const openApiFile = join(repoRoot, 'schemas', 'contracts', 'openapi.json');

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(openApiFile, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
  console.log('wrote schemas/contracts/openapi.json');
}
