/**
 * Every `code` a problem+json answer can carry (RFC 9457; `schemas/problem.ts`), with the HTTP
 * status it always comes with and what it means. Clients switch on the code, so a code is never
 * reused for something else and its status follows from it: the gateway builds its errors from
 * the code alone (`gateway/errors.ts`), the actors' refusals (`schemas/task-actor.ts`,
 * `schemas/user.ts`) become answers through this table, and the OpenAPI document lists it.
 */
interface ProblemKind {
  status: number;
  meaning: string;
}

/** The public API's codes (`/api/v1`). */
export const apiProblems = {
  validation_failed: {
    status: 400,
    meaning: 'the input is invalid; `errors` lists the offending fields',
  },
  invalid_json: { status: 400, meaning: 'the body is not valid JSON' },
  json_too_deep: { status: 400, meaning: 'the JSON body nests too deeply' },
  invalid_if_match: { status: 400, meaning: 'If-Match is not a task version such as "3"' },
  invalid_cursor: { status: 400, meaning: 'the page cursor is malformed or from another query' },
  snooze_token_invalid: { status: 400, meaning: 'the snooze link is malformed or forged' },
  verification_token_invalid: {
    status: 400,
    meaning: 'the e-mail verification link is malformed or forged',
  },
  unauthorized: { status: 401, meaning: 'a bearer token is required' },
  invalid_token: { status: 401, meaning: 'the bearer token is not valid' },
  token_expired: { status: 401, meaning: 'the bearer token has expired; refresh the session' },
  invalid_credentials: { status: 401, meaning: 'e-mail or password is wrong' },
  invalid_refresh_token: { status: 401, meaning: 'the refresh token is unknown or expired' },
  refresh_token_reused: {
    status: 401,
    meaning: 'a refresh token was used twice: its whole family is revoked',
  },
  forbidden: { status: 403, meaning: 'the profile is not the caller’s' },
  operator_only: { status: 403, meaning: 'this needs the operator role' },
  wrong_password: { status: 403, meaning: 'the current password is wrong' },
  route_not_found: { status: 404, meaning: 'no such route' },
  task_not_found: {
    status: 404,
    meaning: 'no such task for this user (another user’s task is reported so too, never 403)',
  },
  reminder_not_found: { status: 404, meaning: 'the task has no such reminder' },
  conversation_not_found: { status: 404, meaning: 'no such conversation for this user' },
  account_not_found: { status: 404, meaning: 'the user has no account with a password' },
  actor_type_unknown: { status: 404, meaning: 'the operator view knows no such actor type' },
  actor_not_found: { status: 404, meaning: 'no actor of this type can have this id' },
  method_not_allowed: { status: 405, meaning: 'the route does not take this method; see Allow' },
  task_exists: { status: 409, meaning: 'a task with this id exists already' },
  version_conflict: { status: 409, meaning: 'the task changed since the version in If-Match' },
  task_not_recurring: { status: 409, meaning: 'only an occurrence of a series can be skipped' },
  task_not_open: { status: 409, meaning: 'only an open task can be skipped' },
  task_completed: { status: 409, meaning: 'the task is completed: nothing to remind of' },
  task_deleted: { status: 409, meaning: 'the task is deleted' },
  snooze_link_superseded: {
    status: 409,
    meaning: 'the reminder fired or changed after the snooze link was sent',
  },
  verification_address_changed: {
    status: 409,
    meaning: 'the e-mail address changed after the verification link was sent',
  },
  email_taken: { status: 409, meaning: 'an account with this e-mail exists' },
  no_email: { status: 409, meaning: 'the profile has no e-mail address' },
  email_already_verified: { status: 409, meaning: 'the e-mail address is verified already' },
  snooze_token_expired: { status: 410, meaning: 'the snooze link has expired' },
  verification_token_expired: { status: 410, meaning: 'the verification link has expired' },
  body_too_large: { status: 413, meaning: 'the body is too large' },
  unsupported_encoding: { status: 415, meaning: 'the body’s charset or encoding is unsupported' },
  recurrence_never_occurs: {
    status: 422,
    meaning: 'the recurrence has no occurrence within ten years of the due date',
  },
  quick_add_no_title: { status: 422, meaning: 'the quick-add text leaves no title' },
  quick_add_invalid_task: { status: 422, meaning: 'the quick-add text reads as an invalid task' },
  rate_limited: { status: 429, meaning: 'too many requests; see Retry-After' },
  login_throttled: { status: 429, meaning: 'too many failed logins; see Retry-After' },
  internal_error: { status: 500, meaning: 'an unexpected error; nothing about it is disclosed' },
  actor_bad_response: { status: 502, meaning: 'a service behind the API answered unexpectedly' },
  actor_unavailable: {
    status: 503,
    meaning: 'the task service is unavailable; whether the command applied is unknown, retry',
  },
  user_unavailable: { status: 503, meaning: 'the user’s profile could not be read; retry' },
  busy: { status: 503, meaning: 'this kind of work is at capacity; retry in a second' },
} as const satisfies Record<string, ProblemKind>;

/**
 * The mesh's codes: answers to Dapr sidecars and actor calls inside the cluster, never to an API
 * client (an actor call refused this way reaches a client as `actor_unavailable`).
 */
export const meshProblems = {
  sidecar_token_required: {
    status: 401,
    meaning: 'only the app’s own Dapr sidecar, with its app token, may call this path',
  },
  caller_not_verified: {
    status: 403,
    meaning: 'the actor call’s caller assertion was missing or refused',
  },
  invalid_call: {
    status: 500,
    meaning: 'an actor call failed its schema: a bug of the caller, answered as `internal_error`',
  },
} as const satisfies Record<string, ProblemKind>;

export type ProblemCode = keyof typeof apiProblems;
export type MeshProblemCode = keyof typeof meshProblems;
export type AnyProblemCode = ProblemCode | MeshProblemCode;
export type ProblemStatus = (typeof apiProblems)[ProblemCode]['status'];
type AnyProblemStatus = ProblemStatus | (typeof meshProblems)[MeshProblemCode]['status'];
/** The codes that answer with this status, e.g. the 429s that carry Retry-After. */
export type ProblemCodeWith<S extends ProblemStatus> = {
  [C in ProblemCode]: (typeof apiProblems)[C]['status'] extends S ? C : never;
}[ProblemCode];

export const problemCodes = Object.keys(apiProblems) as [ProblemCode, ...ProblemCode[]];

const problemKinds: Record<AnyProblemCode, ProblemKind> = {
  ...apiProblems,
  ...meshProblems,
};

/** The status a code always answers with. */
export const statusOf = (code: AnyProblemCode): number => problemKinds[code].status;

/**
 * RFC 9110's reason phrase of every status a code uses (the problem's `title`): a code with a
 * status missing here, or a status no code uses, does not compile.
 */
export const problemTitles = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
} as const satisfies Record<AnyProblemStatus, string>;
