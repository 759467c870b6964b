import { z } from 'zod';
import { auditPageSchema } from '../../schemas/audit.ts';
import {
  changePasswordInputSchema,
  emailVerificationStateSchema,
  loginInputSchema,
  refreshInputSchema,
  sessionSchema,
  signupInputSchema,
} from '../../schemas/auth.ts';
import { chatRequestSchema, chatResponseSchema } from '../../schemas/chat.ts';
import { operatorActorViewSchema, operatorHostsViewSchema } from '../../schemas/operator.ts';
import { apiProblems, statusOf, type ProblemCode } from '../../schemas/problem-codes.ts';
import { problemSchema } from '../../schemas/problem.ts';
import { quickAddPreviewSchema, quickAddRequestSchema } from '../../schemas/quick-add.ts';
import {
  snoozeInputSchema,
  snoozeLinkPreviewSchema,
  snoozeLinkResultSchema,
} from '../../schemas/snooze.ts';
import { taskOccurrencesSchema } from '../../schemas/task-actor.ts';
import { queryListItemOf, taskPageSchema } from '../../schemas/task-query.ts';
import { taskCountsSchema } from '../../schemas/task-views.ts';
import {
  createTaskRequestSchema,
  taskSchema,
  updateTaskRequestSchema,
} from '../../schemas/task.ts';
import { updateProfileInputSchema, userProfileSchema } from '../../schemas/user.ts';
import { IF_MATCH_PATTERN } from '../http/if-match.ts';
import type { OperationSpec } from '../http/operation.ts';
import { clientConfigSchema } from '../routes/client-config.ts';
import { taskHistorySchema } from '../routes/history.ts';
import { apiOperations } from '../routes/operations.ts';

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the operations the routers serve
 * (gateway/routes/operations.ts) and the zod schemas they validate with. Committed as
 * schemas/contracts/openapi.json; a test fails when the two drift. Nothing here describes a
 * route: this file only names shared schemas and says how a declaration reads in OpenAPI.
 */

/** Schemas shown once under a name and referenced, as the client's generated types name them. */
const components = new Map<z.ZodType, [string, 'input' | 'output']>([
  [taskSchema, ['Task', 'output']],
  [taskPageSchema, ['TaskPage', 'output']],
  [createTaskRequestSchema, ['CreateTaskInput', 'input']],
  [updateTaskRequestSchema, ['UpdateTaskInput', 'input']],
  [userProfileSchema, ['UserProfile', 'output']],
  [updateProfileInputSchema, ['UpdateProfileInput', 'input']],
  [signupInputSchema, ['SignupInput', 'input']],
  [loginInputSchema, ['LoginInput', 'input']],
  [refreshInputSchema, ['RefreshInput', 'input']],
  [changePasswordInputSchema, ['ChangePasswordInput', 'input']],
  [sessionSchema, ['Session', 'output']],
  [emailVerificationStateSchema, ['EmailVerificationState', 'output']],
  [problemSchema, ['Problem', 'output']],
  [auditPageSchema, ['AuditPage', 'output']],
  [taskHistorySchema, ['TaskHistory', 'output']],
  [chatRequestSchema, ['ChatRequest', 'input']],
  [chatResponseSchema, ['ChatResponse', 'output']],
  [snoozeInputSchema, ['SnoozeInput', 'input']],
  [snoozeLinkPreviewSchema, ['SnoozeLinkPreview', 'output']],
  [snoozeLinkResultSchema, ['SnoozeLinkResult', 'output']],
  [quickAddRequestSchema, ['QuickAddRequest', 'input']],
  [taskCountsSchema, ['TaskCounts', 'output']],
  [taskOccurrencesSchema, ['TaskOccurrences', 'output']],
  [quickAddPreviewSchema, ['QuickAddPreview', 'output']],
  [operatorActorViewSchema, ['OperatorActorView', 'output']],
  [operatorHostsViewSchema, ['OperatorHostsView', 'output']],
  [clientConfigSchema, ['ClientConfig', 'output']],
]);

type JsonSchema = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
};

/** A named schema by reference, any other inline. */
const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const named = components.get(schema);
  return named ? { $ref: `#/components/schemas/${named[0]}` } : jsonSchema(schema, io);
};

/** The object schema under a query schema's transforms and refinements. */
function objectOf(schema: z.ZodType): z.ZodObject {
  const def = schema._zod.def as { type: string; in?: z.ZodType };
  if (def.type === 'object') return schema as z.ZodObject;
  if (def.type === 'pipe' && def.in) return objectOf(def.in);
  throw new Error(`a query must be an object schema, not ${def.type}`);
}

/** The query string as parameters: one per property, lists as comma-separated arrays. */
function queryParameters(query: z.ZodType): JsonSchema[] {
  const object = jsonSchema(objectOf(query), 'input') as {
    properties: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(objectOf(query).shape).map(([name, field]) => {
    const property = object.properties[name]!;
    const { description, ...schema } = property;
    const item = queryListItemOf(field as z.ZodType);
    return {
      name,
      in: 'query',
      required: object.required?.includes(name) ?? false,
      ...(description ? { description } : {}),
      ...(item
        ? {
            style: 'form',
            explode: false,
            schema: { type: 'array', items: jsonSchema(item.item, 'input'), ...item.bounds },
          }
        : { schema }),
    };
  });
}

/** Codes every operation of a kind can answer, besides its own. */
const bearerCodes: ProblemCode[] = ['unauthorized', 'invalid_token', 'token_expired'];
const bodyCodes: ProblemCode[] = [
  'validation_failed',
  'invalid_json',
  'json_too_deep',
  'body_too_large',
  'unsupported_encoding',
];
/** A backing service (an actor, the database, a queue) failing or at capacity: retry. */
const serviceCodes: ProblemCode[] = [
  'rate_limited',
  'actor_bad_response',
  'actor_unavailable',
  'user_unavailable',
  'busy',
];

export function problemCodesOf(spec: OperationSpec): ProblemCode[] {
  const codes = new Set<ProblemCode>([
    ...(spec.auth === 'none' ? [] : bearerCodes),
    ...(spec.body ? bodyCodes : []),
    ...(spec.query ? ['validation_failed' as const] : []),
    ...(spec.ifMatch ? (['invalid_if_match', 'version_conflict'] as const) : []),
    ...Object.values(spec.params ?? {}).map((param) => param.notFound),
    ...(spec.problems ?? []),
    ...(Object.keys(spec.beyondSchema ?? {}) as ProblemCode[]),
    ...serviceCodes,
  ]);
  return [...codes];
}

function problemResponses(spec: OperationSpec): Record<string, JsonSchema> {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of problemCodesOf(spec))
    byStatus.set(statusOf(code), [...(byStatus.get(statusOf(code)) ?? []), code]);
  const html = Object.values(spec.responses).some((response) => response.html);
  return Object.fromEntries(
    [...byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, codes]) => {
        const schema = {
          allOf: [{ $ref: '#/components/schemas/Problem' }],
          properties: { code: { enum: codes } },
        };
        const lines = codes.map((code) => {
          const when = spec.beyondSchema?.[code];
          return `\`${code}\`: ${apiProblems[code].meaning}${when ? `; also when ${when}` : ''}`;
        });
        return [
          String(status),
          {
            description: lines.join('\n\n'),
            ...(status === 429 || status === 503
              ? { headers: { 'Retry-After': { schema: { type: 'integer' } } } }
              : {}),
            content: {
              'application/problem+json': { schema },
              ...(html ? { 'text/html': { schema: { type: 'string' } } } : {}),
            },
          },
        ];
      }),
  );
}

/** Node's HTTP server refuses a request line and headers over 16 KB before any route sees it. */
const headersTooLarge = {
  description: 'The URL or the headers exceed 16 KB; answered by the HTTP server, without a body',
};

function operationObject(spec: OperationSpec): JsonSchema {
  const parameters = [
    ...Object.entries(spec.params ?? {}).map(([name, param]) => ({
      name,
      in: 'path',
      required: true,
      ...(param.description ? { description: param.description } : {}),
      schema: jsonSchema(param.schema, 'input'),
    })),
    ...(spec.query ? queryParameters(spec.query) : []),
    ...(spec.ifMatch
      ? [
          {
            name: 'If-Match',
            in: 'header',
            required: false,
            description: 'Apply only if the task is at this version (its ETag, e.g. "3")',
            schema: { type: 'string', pattern: IF_MATCH_PATTERN },
          },
        ]
      : []),
  ];
  const responses = Object.fromEntries(
    Object.entries(spec.responses).map(([status, response]) => [
      status,
      {
        description: response.description,
        ...(response.headers
          ? {
              headers: Object.fromEntries(
                Object.entries(response.headers).map(([name, description]) => [
                  name,
                  { description, schema: { type: 'string' } },
                ]),
              ),
            }
          : {}),
        ...(response.body || response.html
          ? {
              content: {
                ...(response.html ? { 'text/html': { schema: { type: 'string' } } } : {}),
                ...(response.body
                  ? { 'application/json': { schema: schemaOf(response.body, 'output') } }
                  : {}),
              },
            }
          : {}),
      },
    ]),
  );
  return {
    operationId: spec.operationId,
    tags: spec.tags,
    ...(spec.auth === 'none' ? { security: [] } : {}),
    ...(spec.description ? { description: spec.description } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaOf(spec.body, 'input') } },
          },
        }
      : {}),
    responses: { ...responses, ...problemResponses(spec), 431: headersTooLarge },
    ...(spec.beyondSchema ? { 'x-beyond-schema': spec.beyondSchema } : {}),
  };
}

export function openApiDocument(operations: readonly OperationSpec[] = apiOperations): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const spec of operations) {
    const path = (paths[spec.path] ??= {});
    if (path[spec.method]) throw new Error(`${spec.method} ${spec.path} is declared twice`);
    path[spec.method] = operationObject(spec);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Todo Chatbot API',
      version: '1.0.0',
      description:
        'Tasks on Dapr virtual actors. Errors are RFC 9457 problem+json with a stable `code`; ' +
        'each operation lists the codes it answers with, by status. `x-beyond-schema` names ' +
        'the rules a request can meet this document and still break (a signature, an opaque ' +
        'cursor, a rule with no occurrence), with the code it is refused with.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: Object.fromEntries(
        [...components].map(([schema, [name, io]]) => [name, jsonSchema(schema, io)]),
      ),
    },
  };
}
