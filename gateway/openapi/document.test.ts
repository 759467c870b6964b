import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './document.ts';
import { openApiFile } from './generate.ts';

describe('the OpenAPI document', () => {
  it('committed in schemas/contracts/openapi.json matches the zod schemas (run `npm run contracts`)', () => {
    const committed = JSON.parse(readFileSync(openApiFile, 'utf8')) as unknown;
    expect(committed).toEqual(openApiDocument());
  });

  it('is OpenAPI 3.1 and references only schemas it defines', () => {
    const document = openApiDocument();
    expect(document.openapi).toBe('3.1.0');
    const defined = Object.keys((document.components as { schemas: object }).schemas);
    const referenced = [...JSON.stringify(document).matchAll(/#\/components\/schemas\/(\w+)/g)].map(
      (match) => match[1],
    );
    expect(referenced.filter((name) => !defined.includes(name!))).toEqual([]);
  });
});
