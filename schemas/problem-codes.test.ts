import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { apiProblems, meshProblems, problemTitles } from './problem-codes.ts';
import { domainErrorCodeSchema } from './task-actor.ts';
import { userActorResultSchema } from './user.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const catalogue = { ...apiProblems, ...meshProblems };

/** The sources that answer problems or refuse commands, without tests. */
function sources(): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
        files.push({ path: relative(root, path), text: readFileSync(path, 'utf8') });
    }
  };
  for (const layer of ['actors', 'gateway', 'host', 'platform', 'realtime'])
    walk(join(root, layer));
  return files;
}

const matches = (pattern: RegExp) =>
  sources().flatMap(({ path, text }) =>
    [...text.matchAll(pattern)].map((match) => ({ path, code: match[1]! })),
  );

describe('the catalogue of problem codes', () => {
  it('covers every refusal of the actors, with the status the gateway has always answered', () => {
    const userCodes = userActorResultSchema.options[1].shape.error.shape.code.options;
    // `invalid_call` is a bug of the caller, answered as `internal_error` (gateway/actor-client.ts).
    const refusals = [...domainErrorCodeSchema.options, ...userCodes].filter(
      (code) => code !== 'invalid_call',
    );
    const before: Record<string, number> = {
      task_not_found: 404,
      task_exists: 409,
      validation_failed: 400,
      recurrence_never_occurs: 422,
      version_conflict: 409,
      user_unavailable: 503,
      task_not_recurring: 409,
      task_not_open: 409,
      forbidden: 403,
      verification_address_changed: 409,
      reminder_not_found: 404,
      task_completed: 409,
      task_deleted: 409,
      snooze_link_superseded: 409,
    };
    expect(Object.fromEntries(refusals.map((code) => [code, apiProblems[code].status]))).toEqual(
      before,
    );
  });

  it('covers every code the code base answers or refuses with', () => {
    const used = [
      // gateway: the named factories, and the 429s
      ...matches(/(?<![\w/])problem\.([a-z_]+)\b(?!\.ts)/g),
      ...matches(/new RetryLaterError\(\s*'([a-z_]+)'/g),
      ...matches(/sendProblem\(\s*\w+,\s*'([a-z_]+)'/g),
      // the actors' refusals (zod's own issue code `custom` aside)
      ...matches(/\bcode: '([a-z_]+)'/g).filter(({ code }) => code !== 'custom'),
      // the actor host and the sidecar-token check
      ...matches(/problemBody\(\s*'([a-z_]+)'/g),
    ];
    expect(used.length).toBeGreaterThan(40);
    expect(used.filter(({ code }) => !Object.hasOwn(catalogue, code))).toEqual([]);
  });

  it('lists no code nothing answers with', () => {
    const text = sources()
      .map((source) => source.text)
      .join('\n');
    const unused = Object.keys(catalogue).filter(
      (code) => !new RegExp(`(\\bproblem\\.${code}\\b|'${code}')`).test(text),
    );
    expect(unused).toEqual([]);
  });

  it('is the only way a code gets into an ApiError (actor refusals and relays aside)', () => {
    const constructed = sources()
      .filter(({ text }) => text.includes('new ApiError('))
      .map(({ path }) => path);
    expect(constructed.sort()).toEqual([
      // the actor's own code, typed by its result schema as a catalogue code
      join('gateway', 'actor-client.ts'),
      // the factories
      join('gateway', 'errors.ts'),
      // a problem another instance of the API answered (the MCP stdio server)
      join('gateway', 'services', 'remote-task-service.ts'),
    ]);
  });

  it('gives every status a code uses its RFC 9110 title', () => {
    for (const [code, { status }] of Object.entries(catalogue))
      expect((problemTitles as Record<number, string>)[status], code).toBeTruthy();
  });
});
