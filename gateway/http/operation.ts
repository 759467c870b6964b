import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import type { ProblemCode } from '../../schemas/problem-codes.ts';
import { problem } from '../errors.ts';
import { rejectOtherMethods } from '../middleware/method-not-allowed.ts';
import { expectedVersionOf } from './if-match.ts';

/**
 * One route of /api/v1, declared once: the router serves it from this declaration (method, path,
 * what it validates with) and the OpenAPI document is generated from the same object
 * (gateway/openapi/document.ts). Nothing about a route is written a second time.
 */
export interface OperationSpec {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** The path under /api/v1, OpenAPI style: `/tasks/{id}`. */
  path: `/${string}`;
  operationId: string;
  tags: readonly string[];
  description?: string;
  /** `bearer` (the default): an access token. `none`: open, or the request carries its own token. */
  auth?: 'bearer' | 'none';
  /**
   * Path parameters, each with the code answered when it names nothing: a malformed task id is
   * an unknown task (404), never a 400 that would tell ids apart.
   */
  params?: Record<
    string,
    { schema: z.ZodType<unknown, string>; notFound: ProblemCode; description?: string }
  >;
  /** The query string: an object schema (its properties are the parameters). */
  query?: z.ZodType;
  /** Takes `If-Match: "<version>"`, making the command conditional (gateway/http/if-match.ts). */
  ifMatch?: boolean;
  body?: z.ZodType;
  /**
   * `route`: the declaration's schemas are applied before the handler runs. `handler`: the handler
   * applies them itself, in an order of its own (a link's token is checked before its choice).
   */
  validate?: 'route' | 'handler';
  /** The answers other than problems, by status. */
  responses: Record<number, SuccessSpec>;
  /** The problem codes it answers with, besides those every route of its kind has (see below). */
  problems?: readonly ProblemCode[];
  /**
   * Rules a request can meet the contract and still break, which JSON Schema cannot state (a
   * signature, an opaque cursor, a rule that never occurs): the code it is refused with, and when.
   */
  beyondSchema?: Partial<Record<ProblemCode, string>>;
}

export interface SuccessSpec {
  description: string;
  /** The JSON body, validated by the client's generated types and schemathesis alike. */
  body?: z.ZodType;
  /** Answered as a page to a browser (a link in a mail), JSON to a program that asks for it. */
  html?: boolean;
  headers?: Record<string, string>;
}

/** What a handler gets: the request's parts, parsed by the declaration's schemas. */
export interface OperationInput<S extends OperationSpec> {
  params: { [K in keyof S['params']]: string };
  query: S['query'] extends z.ZodType ? z.output<S['query']> : undefined;
  body: S['body'] extends z.ZodType ? z.output<S['body']> : undefined;
  /** The version `If-Match` asks for; undefined when absent (or not taken). */
  expectedVersion: number | undefined;
}

export type OperationHandler<S extends OperationSpec> = (
  input: OperationInput<S>,
  request: Request,
  response: Response,
) => Promise<void>;

/** Declares an operation; the literal's types flow into its handler's input. */
export const operation = <const S extends OperationSpec>(spec: S): S => spec;

/** `/tasks/{id}/complete` under the mount `/tasks` is Express's `/:id/complete`. */
export function expressPath(mount: string, path: string): string {
  if (path !== mount && !path.startsWith(`${mount}/`))
    throw new Error(`${path} is not under the router's mount ${mount}`);
  const rest = path.slice(mount.length) || '/';
  return rest.replace(/\{(\w+)\}/g, ':$1');
}

const bound = new Set<OperationSpec>();
/** Every operation a router has served since the process started (the drift test's witness). */
export const boundOperations = (): ReadonlySet<OperationSpec> => bound;

function parseInput<S extends OperationSpec>(spec: S, request: Request): OperationInput<S> {
  const params: Record<string, string> = {};
  for (const [name, { schema, notFound }] of Object.entries(spec.params ?? {})) {
    const parsed = schema.safeParse(request.params[name]);
    if (!parsed.success) throw problem[notFound](`no ${name} ${String(request.params[name])}`);
    params[name] = parsed.data as string;
  }
  const byRoute = spec.validate !== 'handler';
  return {
    params,
    query: (byRoute && spec.query ? spec.query.parse(request.query) : undefined) as never,
    body: (byRoute && spec.body ? spec.body.parse(request.body ?? {}) : undefined) as never,
    expectedVersion: spec.ifMatch ? expectedVersionOf(request.get('if-match')) : undefined,
  } as OperationInput<S>;
}

/**
 * A router mounted at `mount` (a prefix of its operations' paths) that serves operations from
 * their declarations, and answers 405 for other methods on their paths.
 */
export function operationsRouter(mount: string) {
  const router = Router();
  return {
    on<S extends OperationSpec>(
      spec: S,
      ...chain: [...RequestHandler[], OperationHandler<S>]
    ): void {
      const handler = chain.pop() as OperationHandler<S>;
      const middleware = chain as RequestHandler[];
      bound.add(spec);
      router[spec.method](
        expressPath(mount, spec.path),
        ...middleware,
        async (request: Request, response: Response) => {
          await handler(parseInput(spec, request), request, response);
        },
      );
    },
    /** Middleware for every operation of this router (before `on`). */
    use(...handlers: RequestHandler[]): void {
      router.use(...handlers);
    },
    /** The finished router: call once every operation is on. */
    router(): Router {
      return rejectOtherMethods(router);
    },
  };
}
