import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { Producer, stringSerializers } from '@platformatic/kafka';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TaskState } from '../../actors/task/task-state.ts';
import { jsonbText } from '../../host/audit/dead-letters.ts';
import { signAccessToken } from '../../platform/auth/tokens.ts';
import { openDelivery } from '../../platform/delivery.ts';
import { chatResponseSchema } from '../../schemas/chat.ts';
import { parseKnownEvent, topics } from '../../schemas/events.ts';
import { problemSchema } from '../../schemas/problem.ts';
import type { Task } from '../../schemas/task.ts';
import { toolInputSchemas, toolNames } from '../../schemas/tools.ts';
import { schemathesisBinary } from '../../stack/install/python-tools.ts';
import { repoRoot } from '../../stack/paths.ts';
import { eventually } from '../support/eventually.ts';
import { envelopeFor, taskSnapshot } from '../support/fixtures.ts';
import { hostileString, hostileValue, toolArguments } from '../support/hostile-values.ts';
import { useOwnStack } from '../support/own-stack.ts';
import { savedTasks } from '../support/saved-tasks.ts';
import { schemathesisConfig } from '../support/schemathesis-config.ts';

/**
 * schemathesis against the committed OpenAPI document, on a stack of its own with the rate
 * limits lifted (its request storm would otherwise test nothing but the limits; sign-up is
 * tested too) and its user an operator (so the operator routes are reached). Every check, every
 * phase (examples, coverage, fuzzing, and the stateful phase that follows the links between
 * operations): every response documented, with its content type, schema and problem code; every
 * request the document allows accepted, except where the operation names the rule beyond the
 * contract it broke (`x-beyond-schema`, see tests/support/schemathesis-config.ts); every request
 * it forbids refused; no 5xx.
 */
const own = useOwnStack('schemathesis', () => ({
  RATE_LIMIT_PER_MINUTE: '1000000',
  AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
  REFRESH_RATE_LIMIT_PER_MINUTE: '1000000',
  VERIFICATION_MAILS_PER_HOUR: '1000000',
  OPERATOR_USER_IDS: 'schemathesis-user',
}));

describe('hostile input', () => {
  it('schemathesis, every check and phase, finds no failure of any kind', async () => {
    const token = await signAccessToken(
      own.stack().info.secrets['jwt-secret'],
      'schemathesis-user',
    );
    const document = join(repoRoot, 'schemas', 'contracts', 'openapi.json');
    const config = join(own.stack().info.runDir, 'schemathesis.toml');
    writeFileSync(config, schemathesisConfig(JSON.parse(readFileSync(document, 'utf8'))));
    const result = await promisify(execFile)(
      schemathesisBinary,
      [
        '--config-file',
        config,
        'run',
        document,
        '--url',
        `${own.stack().info.gatewayUrl}/api/v1`,
        '--header',
        `Authorization: Bearer ${token}`,
        '--checks',
        'all',
        '--phases',
        'examples,coverage,fuzzing,stateful',
        '--max-examples',
        '25',
        '--seed',
        '20261202',
        // One worker: Python 3.11's parser is not thread-safe in a path hypothesis takes to
        // describe a strategy ("AST constructor recursion depth mismatch", a runtime error).
        '--workers',
        '1',
        '--generation-database',
        'none',
        '--no-color',
      ],
      { cwd: repoRoot, maxBuffer: 50 * 1024 * 1024, timeout: 300_000 },
    ).catch((error: { stdout: string; stderr: string; code: number }) => error);
    const output = `${result.stdout}${result.stderr}`;
    const summary = output.slice(output.lastIndexOf('SUMMARY'));
    console.log(
      `[schemathesis] ${summary
        .split('\n')
        .filter((line) => /generated|passed|failures|Failures|Stateful|Coverage|Fuzzing/.test(line))
        .join(' | ')}`,
    );
    expect(summary, output.slice(-8000)).toMatch(/(\d+) generated, \1 passed/);
    for (const phase of ['Coverage', 'Fuzzing', 'Stateful'])
      expect(summary, output.slice(-8000)).toMatch(new RegExp(`✅ ${phase}`));
    expect(output, output.slice(-8000)).not.toMatch(/Failures:|Errors:|Runtime Error|ST\d{3}/);
  }, 320_000);
});

describe('hostile bodies', () => {
  const nested = (depth: number) =>
    `{"title":"deep","tags":${'['.repeat(depth)}${']'.repeat(depth)}}`;
  const cases: [string, string | Record<string, unknown>, number][] = [
    ['oversized body', { title: 'x', description: 'y'.repeat(300_000) }, 413],
    ['invalid JSON', '{"title": "unterminated', 400],
    ['deep nesting', nested(20_000), 400],
    ['NUL in the title', { title: 'a\u0000b' }, 400],
    ['NUL in a tag', { title: 'ok', tags: ['a\u0000'] }, 400],
    [
      'an RRULE that never occurs',
      {
        title: 'never',
        due_at: '2027-01-01T09:00:00Z',
        recurrence: { rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' },
      },
      422,
    ],
    [
      'an RRULE with an unsupported part',
      {
        title: 'hourly',
        due_at: '2027-01-01T09:00:00Z',
        recurrence: { rrule: 'FREQ=DAILY;BYHOUR=3' },
      },
      400,
    ],
    ['a date in year 10000', { title: 'far', due_at: '+010000-01-01T00:00:00Z' }, 400],
    ['a date before 1970', { title: 'past', due_at: '1969-12-31T23:59:59Z' }, 400],
    ['February 30th', { title: 'nope', due_at: '2027-02-30T09:00:00Z' }, 400],
    [
      'a reminder offset of two years',
      { title: 'x', due_at: '2027-01-01T09:00:00Z', reminders: [{ offset: '-P2Y' }] },
      400,
    ],
    ['a title of 201 characters', { title: 'x'.repeat(201) }, 400],
    ['11 tags', { title: 'x', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 400],
    ['an unknown field', { title: 'x', owner_id: 'someone-else' }, 400],
    ['a wrong type', { title: 42 }, 400],
  ];

  it.each(cases)('%s → %i problem+json, nothing stored', async (_name, body, status) => {
    const token = await signAccessToken(own.stack().info.secrets['jwt-secret'], 'hostile-user');
    const response = await fetch(`${own.stack().info.gatewayUrl}/api/v1/tasks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('unicode of every plane round-trips', async () => {
    const api = await own.api('unicode-user');
    const title = 'Ünïcödé ✓ 漢字 🧪 \u{1F600} עברית';
    const created = await api('POST', '/tasks', { title, tags: ['日本', 'émoji🙂'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title, tags: ['日本', 'émoji🙂'] });
  });

  it('stored nothing for any refused request', async () => {
    const { rows } = await own
      .db()
      .query(
        "select count(*)::int as n from state where key like 'todo-actors||TaskActor||%' and convert_from(value, 'UTF8') like '%\"hostile-user\"%'",
      );
    expect(rows[0]).toEqual({ n: 0 });
  });
});

type ToolResult = {
  isError?: boolean;
  content: { type: string; text: string }[];
  structuredContent?: { tasks: Task[] };
};

/** The user's tasks as the actors saved them: the truth a refused call must leave alone. */
const savedTasksOf = (userId: string) => savedTasks(own.db(), [userId]);

/** A task without what a reminder firing on its own changes (fired_at, version, updated_at). */
const withoutFiring = (state: TaskState | undefined) =>
  state && {
    ...state,
    task: {
      ...state.task,
      version: 0,
      updated_at: '',
      reminders: state.task.reminders.map((reminder) => ({ ...reminder, fired_at: null })),
    },
  };
const firedCount = (state: TaskState | undefined) =>
  state?.task.reminders.filter((reminder) => reminder.fired_at !== null).length ?? 0;

/** The stable code of a tool error: ours (`code: …`) or the SDK's invalid-params answer. */
const toolErrorCode = (text: string) =>
  /^([a-z_]+): /.exec(text)?.[1] ?? (/MCP error -32602/.test(text) ? 'invalid_params' : undefined);

describe('fuzzed MCP tool calls', () => {
  it('every call ends in a result or a tool error with a stable code; a refused call changes nothing', async () => {
    const userId = 'mcp-fuzz-user';
    const client = new Client({ name: 'fuzz', version: '1.0.0' });
    const token = await signAccessToken(own.stack().info.secrets['jwt-secret'], userId);
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${own.stack().info.gatewayUrl}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${token}` } },
      }),
    );
    const call = async (name: string, args: Record<string, unknown>) =>
      (await client.callTool({ name, arguments: args })) as ToolResult;
    const addTarget = async () => {
      const result = await call('add_task', {
        title: 'fuzz target',
        due_at: '2031-06-01T09:00:00Z',
      });
      return result.structuredContent!.tasks[0]!.id;
    };
    const TARGET = Symbol('the task under fire');
    let target = await addTarget();
    let added = 1;
    const codes: Record<string, number> = {};

    const toolCall = fc
      .constantFrom(...toolNames)
      .chain((name) =>
        toolArguments(
          name,
          Object.keys(toolInputSchemas[name].shape),
          fc.oneof(
            { weight: 6, arbitrary: fc.constant(TARGET) },
            { weight: 1, arbitrary: fc.uuid() },
            { weight: 1, arbitrary: hostileValue },
          ),
        ).map((args) => ({ name, args })),
      );
    try {
      await fc.assert(
        fc.asyncProperty(toolCall, async ({ name, args }) => {
          const sent = args.task_id === TARGET ? { ...args, task_id: target } : args;
          const [before] = (await savedTasksOf(userId)).filter((s) => s.task.id === target);
          const result = await call(name, sent);
          if (!result.isError) {
            codes.ok = (codes.ok ?? 0) + 1;
            if (name === 'add_task') added++;
            if (name === 'delete_task' && sent.task_id === target) {
              target = await addTarget();
              added++;
            }
            return;
          }
          const text = result.content[0]?.text ?? '';
          const code = toolErrorCode(text);
          expect(code, text).toBeDefined();
          expect(code, text).not.toBe('internal_error');
          codes[code!] = (codes[code!] ?? 0) + 1;
          const [after] = (await savedTasksOf(userId)).filter((s) => s.task.id === target);
          expect(withoutFiring(after), `${name} ${JSON.stringify(sent)}`).toEqual(
            withoutFiring(before),
          );
          expect(after?.task.version).toBe(
            (before?.task.version ?? 0) + firedCount(after) - firedCount(before),
          );
        }),
        { seed: 20261126, numRuns: 300, endOnFailure: true },
      );
    } finally {
      await client.close();
    }
    console.log(`[fuzz] MCP: 300 calls → ${JSON.stringify(codes)}`);
    // Refusals dominate, and both kinds are there: the generator reaches past the schema.
    expect(codes.ok).toBeGreaterThan(10);
    expect((codes.validation_failed ?? 0) + (codes.invalid_params ?? 0)).toBeGreaterThan(50);
    // Occurrences of recurring tasks come from completions; every other task from an add_task.
    const roots = (await savedTasksOf(userId)).filter((s) => s.task.parent_task_id === null);
    expect(roots).toHaveLength(added);
  }, 300_000);
});

describe('fuzzed chat messages', () => {
  const sentence = fc
    .tuple(
      fc.constantFrom(
        'add ',
        'remind me to ',
        'delete ',
        'complete ',
        'show my ',
        'add a weekly task to ',
        'yes',
        '',
      ),
      hostileString,
      fc.constantFrom(
        '',
        ' tomorrow at 9',
        ' every monday',
        ' by 2027-02-30',
        ' in 99999 years',
        ' #urgent',
      ),
    )
    .map((parts) => parts.join(''));
  const body = fc.oneof(
    { weight: 3, arbitrary: fc.record({ message: sentence }) },
    {
      weight: 1,
      arbitrary: fc.record({
        message: hostileString,
        conversation_id: fc.oneof(fc.uuid(), hostileString),
      }),
    },
    { weight: 1, arbitrary: hostileValue.map((value) => JSON.stringify(value) ?? 'null') },
    { weight: 1, arbitrary: hostileString },
    { weight: 1, arbitrary: fc.dictionary(hostileString, hostileValue, { maxKeys: 3 }) },
  );

  it('every message gets a reply or a 4xx problem, and only a reply that says so adds a task', async () => {
    const userId = 'chat-fuzz-user';
    const api = await own.api(userId);
    let added = 0;
    const statuses: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(body, async (sent) => {
        const answer = await api('POST', '/chat', sent);
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        const shown = JSON.stringify(sent).slice(0, 300);
        if (answer.status === 200) {
          const reply = chatResponseSchema.parse(answer.body);
          added += reply.tool_calls.filter((c) => c.name === 'add_task' && c.ok).length;
          return;
        }
        expect(answer.status, shown).toBeGreaterThanOrEqual(400);
        expect(answer.status, shown).toBeLessThan(500);
        expect(answer.problem, shown).toBe(true);
        const problem = problemSchema.parse(answer.body);
        expect(problem.status).toBe(answer.status);
        expect(problem.code).toMatch(/^[a-z_]+$/);
      }),
      { seed: 20261126, numRuns: 200, endOnFailure: true },
    );
    console.log(
      `[fuzz] chat: 200 bodies → statuses ${JSON.stringify(statuses)}, ${added} tasks added`,
    );
    expect(statuses[200]).toBeGreaterThan(20);
    expect(statuses[400]).toBeGreaterThan(20);
    const roots = (await savedTasksOf(userId)).filter((s) => s.task.parent_task_id === null);
    expect(roots).toHaveLength(added);
  }, 300_000);
});

describe('fuzzed events', () => {
  /** A CloudEvent as Dapr publishes it, around `data`. */
  const cloudEvent = (data: unknown) => ({
    specversion: '1.0',
    id: randomUUID(),
    source: 'hostile-producer',
    type: 'com.dapr.event.sent',
    datacontenttype: 'application/json',
    data,
  });
  const validEnvelope = (type: 'task.created' | 'reminder.due') => {
    const task = taskSnapshot({ id: randomUUID(), user_id: `events-fuzz-${randomUUID()}` });
    const reminder = {
      id: randomUUID(),
      offset: null,
      at: task.created_at,
      fire_at: task.created_at,
      fired_at: task.created_at,
    };
    return envelopeFor(type, task, type === 'reminder.due' ? { task, reminder } : { task });
  };
  /** A valid envelope with one field gone or replaced, as a buggy or hostile producer writes it. */
  const brokenEnvelope = fc
    .tuple(
      fc.constantFrom('task.created' as const, 'reminder.due' as const),
      fc.constantFrom(
        'event_id',
        'schema_version',
        'event_type',
        'occurred_at',
        'user_id',
        'task_id',
        'version',
        'data',
      ),
      fc.option(hostileValue, { nil: undefined }),
      fc.boolean(),
    )
    .map(([type, field, value, wrapped]) => {
      const envelope: Record<string, unknown> = { ...validEnvelope(type) };
      if (value === undefined) delete envelope[field];
      else envelope[field] = value;
      return JSON.stringify(wrapped ? cloudEvent(envelope) : envelope);
    });
  /** Bytes on the topic: text, any JSON, JSON in a CloudEvent, a broken envelope. */
  const message = fc.oneof(
    hostileString,
    fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
    hostileValue.map((value) => JSON.stringify(cloudEvent(value))),
    brokenEnvelope,
  );
  /** What a subscriber sees of a message: the same reading the pub/sub router makes. */
  const isEvent = (bytes: string) =>
    parseKnownEvent(openDelivery({ data_base64: Buffer.from(bytes).toString('base64') }).data).ok;

  it('every malformed message ends as a dead letter of each subscriber, and the event behind it is processed', async () => {
    const { info } = own.stack();
    const samples = fc.sample(message, { seed: 20261126, numRuns: 120 });
    const garbage = [...new Set(samples)]
      .filter((bytes) => bytes.length > 0 && !isEvent(bytes))
      .slice(0, 40);
    const good = {
      [topics.taskEvents]: validEnvelope('task.created'),
      [topics.reminders]: validEnvelope('reminder.due'),
    };
    const producer = new Producer({
      clientId: 'hostile-producer',
      bootstrapBrokers: [info.kafkaBrokers],
      serializers: stringSerializers,
    });
    try {
      // One partition, so the good event queues behind every bad one.
      await producer.send({
        messages: [topics.taskEvents, topics.reminders].flatMap((topic) => [
          ...garbage.map((value) => ({ topic, value, partition: 0 })),
          { topic, value: JSON.stringify(cloudEvent(good[topic])), partition: 0 },
        ]),
      });
    } finally {
      await producer.close();
    }

    const db = own.db();
    await eventually(
      'both good events in the audit log, the task in the read model, the reminder handled',
      async () => {
        const audit = await db.query('select 1 from audit_log where event_id = any($1)', [
          [good[topics.taskEvents].event_id, good[topics.reminders].event_id],
        ]);
        const view = await db.query('select 1 from task_view where id = $1', [
          good[topics.taskEvents].task_id,
        ]);
        const notified = await db.query(
          'select status from notification_history where event_id = $1',
          [good[topics.reminders].event_id],
        );
        return audit.rowCount === 2 && view.rowCount === 1 && notified.rowCount === 1
          ? true
          : undefined;
      },
      { timeoutMs: 60_000 },
    );

    // What each subscriber gave up on, as the audit worker stored it (jsonb, NUL escaped).
    const expected = garbage.map((bytes) => {
      let original: unknown = bytes;
      try {
        original = JSON.parse(bytes);
      } catch {
        // Not JSON: kept as text.
      }
      return JSON.parse(jsonbText(original)) as unknown;
    });
    const subscribers = {
      [topics.taskEvents]: ['todo-projector', 'todo-audit', 'todo-realtime'],
      [topics.reminders]: ['todo-notifier', 'todo-audit', 'todo-realtime'],
    };
    for (const [topic, names] of Object.entries(subscribers)) {
      for (const subscriber of names) {
        const letters = await eventually(
          `${garbage.length} dead letters of ${subscriber} on ${topic}`,
          async () => {
            const { rows } = await db.query<{ original: unknown; reason: string }>(
              `select payload->'original' as original, reason from dead_letters
              where topic = $1 and subscriber = $2 and reason = 'schema_mismatch'`,
              [topic, subscriber],
            );
            return rows.length >= garbage.length ? rows : undefined;
          },
        );
        const stored = letters.map((letter) => letter.original);
        for (const original of expected) expect(stored).toContainEqual(original);
      }
    }
    console.log(
      `[fuzz] events: ${garbage.length} malformed messages on each of task-events and reminders, ` +
        `each dead-lettered by every subscriber; the good event behind them processed`,
    );
  }, 120_000);
});
