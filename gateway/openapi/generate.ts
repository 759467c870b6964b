/**
 * Part of `npm run contracts`: writes schemas/contracts/openapi.json from the zod schemas, and
 * the API client's types (schemas/contracts/api-types.ts) from that document.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { apiTypes, apiTypesFile } from './api-types.ts';
import { openApiDocument } from './document.ts';

export const openApiFile = fileURLToPath(
  new URL('../../schemas/contracts/openapi.json', import.meta.url),
);

if (import.meta.url === `file://${process.argv[1]}`) {
  const document = openApiDocument();
  writeFileSync(openApiFile, `${JSON.stringify(document, null, 2)}\n`);
  console.log('wrote schemas/contracts/openapi.json');
  writeFileSync(apiTypesFile, await apiTypes(document));
  console.log('wrote schemas/contracts/api-types.ts');
}
