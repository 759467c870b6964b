import { readFileSync } from 'node:fs';
import express from 'express';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.ts';
import type { DaprClientHttp } from '../../platform/dapr.ts';
import { createLogger } from '../../platform/logger.ts';
import { mountGateway } from '../app.ts';
import { boundOperations, type OperationSpec } from '../http/operation.ts';
import { apiOperations } from '../routes/operations.ts';
import { openApiDocument } from './document.ts';
import { openApiFile } from './generate.ts';

const name = (spec: OperationSpec) => `${spec.method.toUpperCase()} ${spec.path}`;

describe('the OpenAPI document', () => {
  it('committed in schemas/contracts/openapi.json is the one the declarations generate (run `npm run contracts`)', () => {
    const committed = JSON.parse(readFileSync(openApiFile, 'utf8')) as unknown;
    expect(committed).toEqual(openApiDocument());
  });

  it('lists exactly the operations the gateway serves, each from its one declaration', () => {
    // Nothing connects while routes are mounted: the services are only reached by requests.
    mountGateway({
      app: express(),
      config: {
        CORS_ORIGINS: [],
        RATE_LIMIT_PER_MINUTE: 1,
        AUTH_RATE_LIMIT_PER_MINUTE: 1,
        VERIFICATION_MAILS_PER_HOUR: 1,
        REFRESH_RATE_LIMIT_PER_MINUTE: 1,
        TRUST_PROXY: false,
        BODY_LIMIT: '100kb',
        REALTIME_URLS: [],
        WEB_DIST: undefined,
        OPERATOR_USER_IDS: [],
      } as never,
      dapr: {} as DaprClientHttp,
      db: {} as Db,
      redis: {} as Redis,
      jwtSecret: 'x'.repeat(64),
      logger: createLogger('document-test', 'error'),
    });
    const served = [...boundOperations()];
    expect(served.map(name).sort()).toEqual(apiOperations.map(name).sort());
    // The same objects, not look-alikes: what is served is what is documented.
    expect(apiOperations.every((spec) => served.includes(spec))).toBe(true);
  });

  it('refuses an operation declared twice', () => {
    expect(() => openApiDocument([apiOperations[0]!, apiOperations[0]!])).toThrow(/declared twice/);
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

  it('states the rules that used to be the server’s alone', () => {
    const document = openApiDocument() as {
      paths: Record<
        string,
        Record<string, { parameters?: { name: string; schema: { pattern?: string } }[] }>
      >;
      components: { schemas: Record<string, Record<string, unknown>> };
    };
    const ifMatch = document.paths['/tasks/{id}/complete']!.post!.parameters!.find(
      (parameter) => parameter.name === 'If-Match',
    )!;
    const pattern = new RegExp(ifMatch.schema.pattern!);
    expect(['"3"', 'W/"3"', '3'].every((value) => pattern.test(value))).toBe(true);
    expect(['0', '"0"', '*', '"1000000000"'].some((value) => pattern.test(value))).toBe(false);
    expect(document.components.schemas.UpdateProfileInput!.minProperties).toBe(1);
    expect(document.components.schemas.UpdateTaskInput!.minProperties).toBe(1);
    expect(document.components.schemas.CreateTaskInput!.if).toBeDefined();
    const create = document.paths['/tasks']!.post as unknown as Record<string, unknown>;
    expect(Object.keys(create['x-beyond-schema'] as object)).toEqual([
      'validation_failed',
      'recurrence_never_occurs',
    ]);
  });
});
