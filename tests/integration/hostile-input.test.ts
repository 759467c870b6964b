import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { signAccessToken } from '../../platform/auth/tokens.ts';
import { schemathesisBinary } from '../../stack/install/python-tools.ts';
import { repoRoot } from '../../stack/paths.ts';
import { useOwnStack } from '../support/own-stack.ts';

/**
 * schemathesis against the committed OpenAPI document, on a stack of its own with the rate
 * limits lifted (its request storm would otherwise test nothing but the limits). Every response must be
 * documented, carry its documented content type and schema (problem+json for errors), and no
 * request may end in a 5xx. One check is left out, with reason: "positive data acceptance" expects
 * every schema-valid body to be accepted, but some rules are beyond JSON Schema (an RRULE that
 * never occurs, a relative reminder without due date), and those are rightly answered with 400.
 */
// Limits out of the way: a rate-limited request tests nothing but the limit.
const own = useOwnStack('schemathesis', () => ({
  RATE_LIMIT_PER_MINUTE: '1000000',
  AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
}));

describe('hostile input', () => {
  it('schemathesis finds no server error and no undocumented response', async () => {
    const token = await signAccessToken(
      own.stack().info.secrets['jwt-secret'],
      'schemathesis-user',
    );
    const result = await promisify(execFile)(
      schemathesisBinary,
      [
        'run',
        join(repoRoot, 'schemas', 'contracts', 'openapi.json'),
        '--url',
        `${own.stack().info.gatewayUrl}/api/v1`,
        '--header',
        `Authorization: Bearer ${token}`,
        '--checks',
        'all',
        '--exclude-checks',
        'positive_data_acceptance',
        '--max-examples',
        '30',
        '--seed',
        '20261126',
        '--workers',
        '2',
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
        .filter((line) => /generated|passed|failures|Failures/.test(line))
        .join(' | ')}`,
    );
    expect(summary, output.slice(-6000)).toMatch(/No issues found|passed/);
    expect(output).not.toMatch(/Server error|ST101|not_a_server_error/);
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
      400,
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
