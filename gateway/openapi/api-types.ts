import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

/** The types the API client (client/api-client.ts) is typed with, generated from openapi.json. */
export const apiTypesFile = fileURLToPath(
  new URL('../../schemas/contracts/api-types.ts', import.meta.url),
);

/**
 * The TypeScript of an OpenAPI document's paths and schemas (openapi-typescript). A field with a
 * default stays optional: a request body may leave it out, the server fills it in.
 */
export async function apiTypes(document: object): Promise<string> {
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], {
    defaultNonNullable: false,
  });
  return `${COMMENT_HEADER}${astToString(ast)}`;
}
