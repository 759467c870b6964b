import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiTypes, apiTypesFile } from './api-types.ts';
import { openApiFile } from './generate.ts';

describe("the API client's types", () => {
  it('committed in schemas/contracts/api-types.ts are generated from openapi.json (run `npm run contracts`)', async () => {
    const document = JSON.parse(readFileSync(openApiFile, 'utf8')) as object;
    expect(readFileSync(apiTypesFile, 'utf8')).toBe(await apiTypes(document));
  });
});
