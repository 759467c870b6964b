import { z } from 'zod';
import { auditEntrySchema, auditPageSchema, auditQuerySchema } from '../../schemas/audit.ts';
import { chatRequestSchema, chatResponseSchema } from '../../schemas/chat.ts';
import {
  changePasswordInputSchema,
  emailVerificationStateSchema,
  loginInputSchema,
  refreshInputSchema,
  sessionSchema,
  signupInputSchema,
  verifyEmailQuerySchema,
} from '../../schemas/auth.ts';
import {
  inspectableActorTypeSchema,
  operatorActorViewSchema,
  operatorHostsViewSchema,
} from '../../schemas/operator.ts';
import { problemSchema } from '../../schemas/problem.ts';
import { quickAddPreviewSchema, quickAddRequestSchema } from '../../schemas/quick-add.ts';
import {
  snoozeDurationSchema,
  snoozeInputSchema,
  snoozeLinkPreviewSchema,
  snoozeLinkResultSchema,
  snoozeTokenSchema,
} from '../../schemas/snooze.ts';
import { instantSchema } from '../../schemas/instant.ts';
import {
  listParameterItems,
  taskListQueryShape,
  taskPageSchema,
} from '../../schemas/task-query.ts';
import {
  createTaskRequestSchema,
  taskSchema,
  updateTaskRequestSchema,
} from '../../schemas/task.ts';
import { MAX_UPCOMING_OCCURRENCES, taskOccurrencesSchema } from '../../schemas/task-actor.ts';
import { taskCountsSchema } from '../../schemas/task-views.ts';
import { updateProfileInputSchema, userProfileSchema } from '../../schemas/user.ts';

/**
 * The OpenAPI 3.1 document of /api/v1, built from the same zod schemas the routes validate
 * with. Committed as schemas/contracts/openapi.json; a test fails when the two drift.
 */
const components = {
  Task: [taskSchema, 'output'],
  TaskPage: [taskPageSchema, 'output'],
  CreateTaskInput: [createTaskRequestSchema, 'input'],
  UpdateTaskInput: [updateTaskRequestSchema, 'input'],
  UserProfile: [userProfileSchema, 'output'],
  UpdateProfileInput: [updateProfileInputSchema, 'input'],
  SignupInput: [signupInputSchema, 'input'],
  LoginInput: [loginInputSchema, 'input'],
  RefreshInput: [refreshInputSchema, 'input'],
  ChangePasswordInput: [changePasswordInputSchema, 'input'],
  Session: [sessionSchema, 'output'],
  EmailVerificationState: [emailVerificationStateSchema, 'output'],
  Problem: [problemSchema, 'output'],
  AuditPage: [auditPageSchema, 'output'],
  TaskHistory: [z.object({ items: z.array(auditEntrySchema) }), 'output'],
  ChatRequest: [chatRequestSchema, 'input'],
  ChatResponse: [chatResponseSchema, 'output'],
  SnoozeInput: [snoozeInputSchema, 'input'],
  SnoozeLinkPreview: [snoozeLinkPreviewSchema, 'output'],
  SnoozeLinkResult: [snoozeLinkResultSchema, 'output'],
  QuickAddRequest: [quickAddRequestSchema, 'input'],
  TaskCounts: [taskCountsSchema, 'output'],
  TaskOccurrences: [taskOccurrencesSchema, 'output'],
  QuickAddPreview: [quickAddPreviewSchema, 'output'],
  OperatorActorView: [operatorActorViewSchema, 'output'],
  OperatorHostsView: [operatorHostsViewSchema, 'output'],
} as const satisfies Record<string, readonly [z.ZodType, 'input' | 'output']>;
type ComponentName = keyof typeof components;

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
};

const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: ComponentName) => ({ content: { 'application/json': { schema: ref(name) } } });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});

/** A failure of a link a person follows: a page for a browser, problem+json for a program. */
const problemOrPage = (description: string) => ({
  description,
  content: {
    'application/problem+json': { schema: ref('Problem') },
    'text/html': { schema: { type: 'string' } },
  },
});

const errors = {
  400: problem('Invalid request; `errors` lists the offending fields'),
  401: problem('Missing, invalid or expired bearer token'),
  404: problem('No such task for this user'),
  409: problem('Version conflict (If-Match) or duplicate'),
  422: problem(
    '`recurrence_never_occurs`: the recurrence rule is well-formed but produces no occurrence ' +
      '(never, or not within ten years of due_at); `errors` names `recurrence` or `recurrence.rrule`',
  ),
  429: problem('Rate limit exceeded; see Retry-After'),
  503: problem('A backing service is unavailable; retry'),
};
const pick = (...codes: (keyof typeof errors)[]) =>
  Object.fromEntries(codes.map((code) => [code, errors[code]]));

const taskId = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'uuid' },
};
const ifMatch = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description: 'Apply only if the task is at this version (its ETag, e.g. "3")',
  schema: { type: 'string', pattern: '^(?:W/)?"?[0-9]{1,9}"?$' },
};
/** Which tasks of a series an edit or delete concerns; each operation documents its default. */
const scope = (defaultScope: 'occurrence' | 'series', description: string) => ({
  name: 'scope',
  in: 'query',
  required: false,
  description,
  schema: { type: 'string', enum: ['occurrence', 'series'], default: defaultScope },
});
const taskResponse = (description: string) => ({
  description,
  headers: { ETag: { schema: { type: 'string' } } },
  ...json('Task'),
});

export function openApiDocument(): Record<string, unknown> {
  const listParameters = Object.entries(taskListQueryShape).map(([name, schema]) => {
    const item = listParameterItems[name as keyof typeof listParameterItems];
    return item
      ? {
          name,
          in: 'query',
          required: false,
          style: 'form',
          explode: false,
          schema: { type: 'array', items: jsonSchema(item, 'input'), maxItems: 20 },
        }
      : { name, in: 'query', required: false, schema: jsonSchema(schema, 'input') };
  });
  const countParameters = listParameters.filter((parameter) =>
    ['q', 'priority', 'tags', 'tags_mode'].includes(parameter.name),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Todo Chatbot API',
      version: '1.0.0',
      description:
        'Tasks on Dapr virtual actors. Errors are RFC 9457 problem+json with a stable `code`.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    paths: {
      '/auth/signup': {
        post: {
          operationId: 'signup',
          tags: ['auth'],
          security: [],
          requestBody: { required: true, ...json('SignupInput') },
          description:
            'Also mails a verification link to the address; reminders are mailed only once it is followed.',
          responses: {
            201: { description: 'Account created, logged in', ...json('Session') },
            ...pick(400, 429, 503),
            409: problem('E-mail already registered'),
          },
        },
      },
      '/auth/login': {
        post: {
          operationId: 'login',
          tags: ['auth'],
          security: [],
          requestBody: { required: true, ...json('LoginInput') },
          responses: {
            200: { description: 'Logged in', ...json('Session') },
            400: errors[400],
            401: problem('Wrong e-mail or password (`invalid_credentials`)'),
            429: problem(
              'Too many attempts from this address (`rate_limited`), or too many failed log-ins ' +
                'for this e-mail (`login_throttled`, 5 free, then 1 s doubling up to 15 min); ' +
                'see Retry-After',
            ),
            503: problem(
              'Too many password checks waiting in this replica (`busy`, see Retry-After), or a backing service is unavailable',
            ),
          },
        },
      },
      '/auth/refresh': {
        post: {
          operationId: 'refresh',
          tags: ['auth'],
          security: [],
          requestBody: { required: true, ...json('RefreshInput') },
          responses: {
            200: {
              description: 'The next session of the family; the presented token is used up',
              ...json('Session'),
            },
            ...pick(400, 429),
            401: problem(
              'Unknown or expired refresh token (`invalid_refresh_token`), or one used before ' +
                '(`refresh_token_reused`): then every token of its session is revoked',
            ),
          },
        },
      },
      '/auth/logout': {
        post: {
          operationId: 'logout',
          tags: ['auth'],
          security: [],
          description: 'Ends the session the refresh token belongs to. Idempotent.',
          requestBody: { required: true, ...json('RefreshInput') },
          responses: {
            204: { description: 'Logged out (also when the token was unknown or ended)' },
            ...pick(400, 429),
          },
        },
      },
      '/auth/logout-all': {
        post: {
          operationId: 'logoutEverywhere',
          tags: ['auth'],
          description:
            "Ends every session of the caller's account; access tokens expire within 15 min.",
          responses: {
            204: { description: 'Every session ended' },
            ...pick(401, 429),
          },
        },
      },
      '/auth/verify-email': {
        get: {
          operationId: 'verifyEmail',
          tags: ['auth', 'profile'],
          security: [],
          description:
            'The link in a verification mail (valid 24 h). Browsers get a small HTML page (with the problem `code` in `data-code` on failure); a client that accepts JSON first gets JSON or problem+json.',
          parameters: [
            {
              name: 'token',
              in: 'query',
              required: true,
              description: 'The signed token from the mail',
              schema: jsonSchema(verifyEmailQuerySchema.shape.token, 'input'),
            },
          ],
          responses: {
            200: {
              description: 'The address is verified',
              content: {
                'text/html': { schema: { type: 'string' } },
                'application/json': { schema: ref('EmailVerificationState') },
              },
            },
            400: problemOrPage('verification_token_invalid: the link is malformed or forged'),
            409: problemOrPage(
              'verification_address_changed: the link was mailed to an address the profile no longer has',
            ),
            410: problemOrPage('verification_token_expired: the link is older than 24 hours'),
            ...pick(429, 503),
          },
        },
      },
      '/snooze': {
        parameters: [
          {
            name: 'token',
            in: 'query',
            required: true,
            description:
              'The signed token of a reminder mail’s snooze links: 7 days, for one firing of one reminder',
            schema: jsonSchema(snoozeTokenSchema, 'input'),
          },
          {
            name: 'for',
            in: 'query',
            required: false,
            description: 'Snooze for this long (exactly one of `for` and `until`)',
            schema: jsonSchema(snoozeDurationSchema, 'input'),
          },
          {
            name: 'until',
            in: 'query',
            required: false,
            description: 'Snooze until this instant (exactly one of `for` and `until`)',
            schema: jsonSchema(instantSchema, 'input'),
          },
        ],
        get: {
          operationId: 'previewSnoozeLink',
          tags: ['tasks'],
          security: [],
          description:
            'A snooze link of a reminder mail, followed: changes nothing (mail scanners follow ' +
            'links too). A browser gets a page whose button POSTs to the same address; a client ' +
            'that accepts JSON first gets what the link would do.',
          responses: {
            200: {
              description: 'What the link would do',
              content: {
                'text/html': { schema: { type: 'string' } },
                'application/json': { schema: ref('SnoozeLinkPreview') },
              },
            },
            400: problemOrPage(
              'snooze_token_invalid: the token is missing, malformed or forged; validation_failed: the choice',
            ),
            404: problemOrPage('task_not_found: the task is gone'),
            410: problemOrPage('snooze_token_expired: the link is older than 7 days'),
            ...pick(429, 503),
          },
        },
        post: {
          operationId: 'snoozeByLink',
          tags: ['tasks'],
          security: [],
          description:
            'Snoozes the reminder the token names, without logging in, as `POST ' +
            '/tasks/{id}/reminders/{reminder_id}/snooze` does. Limited per client address.',
          responses: {
            200: {
              description: 'Snoozed',
              content: {
                'text/html': { schema: { type: 'string' } },
                'application/json': { schema: ref('SnoozeLinkResult') },
              },
            },
            400: problemOrPage(
              'snooze_token_invalid: the token is missing, malformed or forged; validation_failed: ' +
                'the snooze would end in the past (a `tomorrow 09:00` link followed late) or too far ahead',
            ),
            404: problemOrPage('task_not_found or reminder_not_found'),
            409: problemOrPage(
              'snooze_link_superseded: the reminder fired again or was changed since the mail; ' +
                'task_completed, task_deleted',
            ),
            410: problemOrPage('snooze_token_expired: the link is older than 7 days'),
            ...pick(429, 503),
          },
        },
      },
      '/tasks': {
        get: {
          operationId: 'listTasks',
          tags: ['tasks'],
          description:
            'Filters, full-text search, sorting and keyset pagination over the read model.',
          parameters: listParameters,
          responses: {
            200: { description: 'A page of tasks', ...json('TaskPage') },
            ...pick(400, 401, 429),
          },
        },
        post: {
          operationId: 'createTask',
          tags: ['tasks'],
          requestBody: { required: true, ...json('CreateTaskInput') },
          responses: { 201: taskResponse('Created'), ...pick(400, 401, 422, 429, 503) },
        },
      },
      '/tasks/parse': {
        post: {
          operationId: 'parseTask',
          tags: ['tasks'],
          description:
            'Quick add: reads one typed line ("pay rent on the 1st of every month at 9am #home ' +
            '!high") with the offline chat’s parser, in the caller’s profile zone, and answers ' +
            'the task it would create and a one-line preview. Writes nothing; `task` is a valid ' +
            'body for `POST /tasks` as it is. At most 500 characters.',
          requestBody: { required: true, ...json('QuickAddRequest') },
          responses: {
            200: { description: 'The task the text asks for', ...json('QuickAddPreview') },
            ...pick(400, 401),
            422: problem(
              '`quick_add_no_title`: nothing is left of the text for a title (only a date, tags, ' +
                'a priority); `quick_add_invalid_task`: what the text says is not a valid task ' +
                '(a day no month has, more than 10 tags, a title over 200 characters); `errors` ' +
                'names the fields',
            ),
            ...pick(429, 503),
          },
        },
      },
      '/tasks/{id}': {
        parameters: [taskId],
        get: {
          operationId: 'getTask',
          tags: ['tasks'],
          responses: { 200: taskResponse('The task'), ...pick(401, 404, 429) },
        },
        patch: {
          operationId: 'updateTask',
          tags: ['tasks'],
          description:
            'Changes the fields given. For a task of a series, `scope` says which occurrences the ' +
            'change concerns. Changing `recurrence` needs scope=series.',
          parameters: [
            ifMatch,
            scope(
              'series',
              '`series` (default: an edit of a recurring task is usually meant for it, and ' +
                'edits always carried into later occurrences): this occurrence and every later ' +
                'one, including one already created (all fields but `due_at` and `status` carry ' +
                'on). `occurrence`: this one only; the series first moves on from it unchanged, ' +
                'so its next occurrence exists before the change applies. Ignored for a task ' +
                'that does not recur.',
            ),
          ],
          requestBody: { required: true, ...json('UpdateTaskInput') },
          responses: {
            200: taskResponse('Updated'),
            ...pick(400, 401, 404, 409, 422, 429, 503),
          },
        },
        delete: {
          operationId: 'deleteTask',
          tags: ['tasks'],
          parameters: [
            ifMatch,
            scope(
              'occurrence',
              '`occurrence` (default: a delete never removes more than the task it names, so ' +
                'cleaning up a finished occurrence cannot end a series): this occurrence only; the ' +
                'series goes on, its next occurrence is created now if it was not yet. `series`: ' +
                'this occurrence and every later one, already created or not; the rule ends here. ' +
                'Ignored for a task that does not recur.',
            ),
          ],
          responses: { 204: { description: 'Deleted' }, ...pick(400, 401, 404, 409, 429, 503) },
        },
      },
      '/tasks/{id}/complete': {
        parameters: [taskId],
        post: {
          operationId: 'completeTask',
          tags: ['tasks'],
          description:
            'Completes the task; a recurring task gets its next occurrence. Completing twice is harmless.',
          parameters: [ifMatch],
          responses: { 200: taskResponse('Completed'), ...pick(400, 401, 404, 409, 429, 503) },
        },
      },
      '/tasks/{id}/skip': {
        parameters: [taskId],
        post: {
          operationId: 'skipTask',
          tags: ['tasks'],
          description:
            'Closes this occurrence of a recurring task as `skipped` and moves the series on to ' +
            'its next occurrence (the same one a completion or its due time would create). ' +
            'Skipping a skipped occurrence is harmless. 409 `task_not_recurring` for a task ' +
            'that does not recur (there is no series to move on), 409 `task_not_open` for a ' +
            'completed one (reopen it first).',
          parameters: [ifMatch],
          responses: { 200: taskResponse('Skipped'), ...pick(400, 401, 404, 409, 429, 503) },
        },
      },
      '/tasks/{id}/reopen': {
        parameters: [taskId],
        post: {
          operationId: 'reopenTask',
          tags: ['tasks'],
          parameters: [ifMatch],
          responses: { 200: taskResponse('Reopened'), ...pick(400, 401, 404, 409, 429, 503) },
        },
      },
      '/tasks/{id}/reminders/{reminder_id}/snooze': {
        parameters: [
          taskId,
          {
            name: 'reminder_id',
            in: 'path',
            required: true,
            description:
              'The reminder’s `id` as the task lists it (URL-encoded), e.g. `offset:-PT30M`',
            schema: { type: 'string', maxLength: 200 },
          },
        ],
        post: {
          operationId: 'snoozeReminder',
          tags: ['tasks'],
          description:
            'The reminder fires (again) once at the snoozed instant: `for` a duration from now ' +
            '(added in the task’s zone) or `until` an instant, exactly one, in the future and at ' +
            'most 30 days ahead. A reminder that has fired gets another `reminder.due` (mailed ' +
            'again, within the daily cap); one that has not fired yet is moved. Snoozing again ' +
            'replaces the earlier snooze. The reminder shows `snoozed_until` until it fires; the ' +
            'task’s version does not change. A `reminder.snoozed` event is in the task’s history.',
          requestBody: { required: true, ...json('SnoozeInput') },
          responses: {
            200: taskResponse('The task, its reminder snoozed'),
            ...pick(400, 401),
            404: problem(
              '`task_not_found`, or `reminder_not_found`: the task has no such reminder',
            ),
            409: problem('`task_completed` or `task_deleted`: nothing to remind of'),
            ...pick(429, 503),
          },
        },
      },
      '/tasks/counts': {
        get: {
          operationId: 'countTaskViews',
          tags: ['tasks'],
          description:
            'How many tasks each view of `GET /tasks?view=` holds (today, upcoming, overdue, ' +
            'completed, all), in your profile time zone; search, priority and tags narrow every ' +
            'view alike.',
          parameters: countParameters,
          responses: {
            200: { description: 'Tasks per view', ...json('TaskCounts') },
            ...pick(400, 401, 429),
          },
        },
      },
      '/tasks/{id}/occurrences': {
        parameters: [taskId],
        get: {
          operationId: 'taskOccurrences',
          tags: ['tasks'],
          description:
            'The due dates of the next occurrences of a recurring task (none for a one-off task). ' +
            'For a series that repeats from completion they are `projected`: as if each ' +
            `occurrence were completed when due. \`count\`: 1–${MAX_UPCOMING_OCCURRENCES}, 5 unless given.`,
          parameters: [
            {
              name: 'count',
              in: 'query',
              required: false,
              schema: {
                type: 'integer',
                minimum: 1,
                maximum: MAX_UPCOMING_OCCURRENCES,
                default: 5,
              },
            },
          ],
          responses: {
            200: { description: 'The next occurrences', ...json('TaskOccurrences') },
            ...pick(400, 401, 404, 429, 503),
          },
        },
      },
      '/tasks/{id}/history': {
        parameters: [taskId],
        get: {
          operationId: 'taskHistory',
          tags: ['audit'],
          description: 'Every event of the task, in version order, once each.',
          responses: {
            200: { description: 'The task’s events', ...json('TaskHistory') },
            ...pick(401, 404, 429),
          },
        },
      },
      '/audit': {
        get: {
          operationId: 'listAudit',
          tags: ['audit'],
          description: 'Your own events, newest first, with keyset pagination.',
          parameters: Object.entries(auditQuerySchema.shape).map(([name, schema]) => ({
            name,
            in: 'query',
            required: false,
            schema: jsonSchema(schema, 'input'),
          })),
          responses: {
            200: { description: 'A page of events', ...json('AuditPage') },
            ...pick(400, 401, 429),
          },
        },
      },
      '/chat': {
        post: {
          operationId: 'chat',
          tags: ['chat'],
          description:
            'One turn of a conversation with the task agent (a configured language model, or the offline engine). Pass conversation_id to continue one; the agent sees its recent messages.',
          requestBody: { required: true, ...json('ChatRequest') },
          responses: {
            200: {
              description: 'The reply, the tool calls made and the affected tasks',
              ...json('ChatResponse'),
            },
            ...pick(400, 401, 429, 503),
            404: problem('No such conversation for this user'),
          },
        },
      },
      '/me': {
        get: {
          operationId: 'getProfile',
          tags: ['profile'],
          responses: {
            200: { description: 'Your profile', ...json('UserProfile') },
            ...pick(401, 429),
          },
        },
        patch: {
          operationId: 'updateProfile',
          tags: ['profile'],
          description:
            'A new `email` is unverified (`email_verified: false`) and gets a verification mail. Requests that set `email` count against the per-hour limit of verification mails (429 beyond it).',
          requestBody: { required: true, ...json('UpdateProfileInput') },
          responses: {
            200: { description: 'Updated', ...json('UserProfile') },
            ...pick(400, 401, 429, 503),
          },
        },
      },
      '/me/email/verification': {
        post: {
          operationId: 'resendEmailVerification',
          tags: ['profile'],
          description:
            'Mails a new verification link to the profile’s unverified address. A few per hour per user (429 with Retry-After beyond).',
          responses: {
            202: {
              description: 'A verification mail is on its way',
              ...json('EmailVerificationState'),
            },
            409: problem(
              'no_email: the profile has no address; email_already_verified: nothing to do',
            ),
            ...pick(401, 429, 503),
          },
        },
      },
      '/me/password': {
        post: {
          operationId: 'changePassword',
          tags: ['profile'],
          description:
            'Sets a new password after checking the current one. Every session ends but the ' +
            "one `refresh_token` names (the caller's own), whose tokens stay valid.",
          requestBody: { required: true, ...json('ChangePasswordInput') },
          responses: {
            204: { description: 'Changed; other sessions ended' },
            ...pick(400, 401),
            403: problem('The current password is wrong (`wrong_password`)'),
            404: problem('The user has no account with a password (`account_not_found`)'),
            429: problem(
              'Too many requests (`rate_limited`) or failed password checks (`login_throttled`)',
            ),
            503: problem(
              'Too many password checks waiting in this replica (`busy`, see Retry-After), or a backing service is unavailable',
            ),
          },
        },
      },
      '/operator/actors/{type}/{id}': {
        get: {
          operationId: 'operatorInspectActor',
          tags: ['operator'],
          description:
            'Operators only (OPERATOR_USER_IDS, see docs/SECURITY.md): any actor as it is now, ' +
            'whoever owns it: the actor host that holds it, its stored state (null when it has ' +
            'none), its reminders as the Dapr scheduler holds them, and its pending effects. ' +
            'Read-only; every access is written to the audit log (`operator.inspected`).',
          parameters: [
            {
              name: 'type',
              in: 'path',
              required: true,
              schema: jsonSchema(inspectableActorTypeSchema, 'input'),
            },
            {
              name: 'id',
              in: 'path',
              required: true,
              description: 'A task id (uuid) for a TaskActor, a user id for a UserActor',
              schema: { type: 'string', minLength: 1, maxLength: 128 },
            },
          ],
          responses: {
            200: { description: 'The actor', ...json('OperatorActorView') },
            401: errors[401],
            403: problem(
              'Not an operator (`operator_only`), the same answer whatever the path names',
            ),
            404: problem(
              'No such actor type (`actor_type_unknown`), or an id no actor of the type can have (`actor_not_found`)',
            ),
            ...pick(429, 503),
          },
        },
      },
      '/operator/hosts': {
        get: {
          operationId: 'operatorListActorHosts',
          tags: ['operator'],
          description:
            'Operators only: every actor host replica and its active actors per type, as its ' +
            'Dapr sidecar counts them. Every access is written to the audit log.',
          responses: {
            200: { description: 'The actor hosts', ...json('OperatorHostsView') },
            401: errors[401],
            403: problem('Not an operator (`operator_only`)'),
            ...pick(429, 503),
          },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: Object.fromEntries(
        Object.entries(components).map(([name, [schema, io]]) => [name, jsonSchema(schema, io)]),
      ),
    },
  };
}
