import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from '../schemas/contracts/api-types.ts';
import { ApiProblem, parseJson } from './problem.ts';

/** The API's paths and schemas as schemas/contracts/openapi.json describes them (generated). */
export type ApiPaths = paths;
export type ApiSchemas = components['schemas'];

export interface ApiClientOptions {
  /** Where the document's paths start: the gateway's origin and its server, `/api/v1`. */
  baseUrl: string;
  /** The bearer token every request carries. */
  token?: string;
  /** Read before every request instead of `token`: a session refreshes its token. */
  getToken?: () => string | undefined;
  /** Defaults to the global fetch with a plain-text body (`sendPlain`), looked up at each call. */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * A request that carried our token was answered 401: true sends it once more, with the token
   * read again (the session refreshed it); false lets the 401 stand.
   */
  onUnauthorized?: (request: Request) => Promise<boolean>;
}

/** What `raw` answers: any status, the body parsed when it is JSON. */
export interface RawAnswer {
  status: number;
  headers: Headers;
  /** True when the answer is RFC 9457 problem+json. */
  problem: boolean;
  body: unknown;
}

export interface RawRequest {
  /** JSON-encoded, except a string, which is sent as it is (malformed JSON on purpose). */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * The typed client of the API (openapi-fetch over the generated paths): a non-2xx answer rejects
 * with an ApiProblem. `raw` sends any method, path and body and answers whatever comes back, for
 * callers that probe the API with requests outside its contract (hostile-input tests).
 */
export type ApiClient = Client<paths> & {
  raw: (method: string, path: string, request?: RawRequest) => Promise<RawAnswer>;
  /** Like the typed calls (a failure rejects with an ApiProblem), for a path built at run time. */
  send: <T>(method: string, path: string, request?: RawRequest) => Promise<T>;
};

type LooseRequest = (
  method: string,
  path: string,
  init: object,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Sends a request with a body as its URL and an init with the body read to text. openapi-fetch
 * builds a `Request`; a browser sends a Request's body as a stream, which whatever watches the
 * page's traffic (its developer tools, the browser tests' request log, some proxies) cannot read.
 */
async function sendPlain(request: Request): Promise<Response> {
  if (request.method === 'GET' || request.method === 'HEAD') return globalThis.fetch(request);
  const body = await request.text();
  return globalThis.fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: body === '' ? undefined : body,
    signal: request.signal,
    credentials: request.credentials,
    redirect: request.redirect,
  });
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const common = {
    baseUrl: options.baseUrl,
    fetch: options.fetch ?? sendPlain,
    // `status=pending,completed`: how the API reads a list in a query (schemas/task-query.ts).
    querySerializer: { array: { style: 'form', explode: false } },
  } as const;
  const auth = bearer(options);
  const typed = createClient<paths>(common);
  // Middleware answers run last-registered first: the 401 retry before the problem check.
  typed.use(problems, auth);
  const loose = createClient(common);
  loose.use(auth);
  const untyped = (client: object) => (client as { request: unknown }).request as LooseRequest;

  const raw: ApiClient['raw'] = async (method, path, { body, headers, signal } = {}) => {
    const { data, error, response } = await untyped(loose)(method, path, {
      body,
      headers,
      signal,
      parseAs: 'text',
      bodySerializer: (value: unknown) =>
        typeof value === 'string' ? value : JSON.stringify(value),
    });
    const text = response.ok ? data : error;
    return {
      status: response.status,
      headers: response.headers,
      problem:
        response.headers.get('content-type')?.startsWith('application/problem+json') ?? false,
      body: typeof text === 'string' ? parseJson(text) : text,
    };
  };
  const send: ApiClient['send'] = async <T>(
    method: string,
    path: string,
    { body, headers, signal }: RawRequest = {},
  ) => (await untyped(typed)(method, path, { body, headers, signal })).data as T;
  return Object.assign(typed, { raw, send });
}

/** The data of a typed call that succeeded (a failure has already rejected with an ApiProblem). */
export async function dataOf<T>(call: Promise<{ data?: T }>): Promise<T> {
  return (await call).data as T;
}

const problems: Middleware = {
  async onResponse({ response }) {
    if (!response.ok) throw await ApiProblem.from(response);
    return undefined;
  },
};

/**
 * Puts the bearer token on each request that has no Authorization of its own and, when the
 * owner asks for it, sends a request answered 401 once more after `onUnauthorized`.
 */
function bearer(options: ApiClientOptions): Middleware {
  const token = () => options.getToken?.() ?? options.token;
  // A sent request's body is spent: the copy to send again, kept until its answer.
  const retries = new WeakMap<Request, Request>();
  return {
    onRequest({ request }) {
      const current = token();
      if (request.headers.has('authorization') || current === undefined) return undefined;
      request.headers.set('authorization', `Bearer ${current}`);
      if (options.onUnauthorized) retries.set(request, request.clone());
      return request;
    },
    async onResponse({ request, response, options: { fetch } }) {
      const retry = retries.get(request);
      retries.delete(request);
      if (response.status !== 401 || !retry || !(await options.onUnauthorized?.(request))) {
        return undefined;
      }
      const fresh = token();
      if (fresh === undefined) retry.headers.delete('authorization');
      else retry.headers.set('authorization', `Bearer ${fresh}`);
      return fetch(retry);
    },
  };
}
