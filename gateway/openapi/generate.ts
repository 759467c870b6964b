/** Part of `npm run contracts`: writes schemas/contracts/openapi.json from the zod schemas. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from './document.ts';

export const openApiFile = fileURLToPath(
  new URL('../../schemas/contracts/openapi.json', import.meta.url),
);

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(openApiFile, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
  console.log('wrote schemas/contracts/openapi.json');
}
