import { Temporal } from '@js-temporal/polyfill';
import { isDeepStrictEqual } from 'node:util';
import {
  scopeQuery,
  type ChatContext,
  type ConversationState,
  type ExecutedToolCall,
} from '../../gateway/chat/engine.ts';
import { OfflineChatEngine } from '../../gateway/chat/offline/offline-engine.ts';
import { describeToolError } from '../../gateway/mcp/mcp-server.ts';
import { runTool } from '../../gateway/tools/task-tools.ts';
import type { Task } from '../../schemas/task.ts';
import type { ToolName } from '../../schemas/tools.ts';
import { corpus, type CorpusCase } from './corpus.ts';
import { MemoryTaskService } from './memory-task-service.ts';

export const NOW = new Date('2026-11-26T10:00:00Z');
export const ZONE = 'Europe/Berlin';
const USER = 'corpus-user';

export interface CaseResult {
  case: CorpusCase;
  passed: boolean;
  reason?: string;
  calls: ExecutedToolCall[];
  reply: string;
}

const localOf = (instant: string) =>
  Temporal.Instant.from(instant)
    .toZonedDateTimeISO(ZONE)
    .toPlainDateTime()
    .toString({ smallestUnit: 'minute' });

/** Runs one case in a fresh in-memory world and judges the engine's tool calls. */
export async function evaluateCase(testCase: CorpusCase): Promise<CaseResult> {
  const service = new MemoryTaskService(ZONE, () => NOW);
  const seeded = new Map<string, Task>();
  for (const seed of testCase.tasks ?? []) {
    let task = await service.create(USER, {
      title: seed.title,
      description: '',
      status: 'pending',
      priority: 'medium',
      tags: [],
      due_at: seed.due_at ?? null,
      recurrence: seed.daily ? { frequency: 'daily', interval: 1, repeat_from: 'due' } : null,
    });
    if (seed.completed) task = await service.complete(USER, task.id);
    seeded.set(task.title, task);
  }
  const engine = new OfflineChatEngine();
  let state: ConversationState = { focus: [] };
  let calls: ExecutedToolCall[] = [];
  let reply = '';
  for (const message of [...(testCase.before ?? []), testCase.say]) {
    calls = [];
    const context: ChatContext = {
      message,
      history: [],
      state,
      timeZone: ZONE,
      now: NOW,
      findTasks: async (scope) => (await service.list(USER, scopeQuery(scope))).items,
      getTask: async (id) => service.get(USER, id).catch(() => undefined),
      runTool: async (name: ToolName, args) => {
        try {
          const result = await runTool(service, USER, name, args);
          for (const task of result.tasks)
            if (!seeded.has(task.title)) seeded.set(task.title, task);
          const call = {
            name,
            arguments: args,
            ok: true,
            summary: result.summary,
            tasks: result.tasks,
          };
          calls.push(call);
          return call;
        } catch (error) {
          const call = {
            name,
            arguments: args,
            ok: false,
            summary: describeToolError(error),
            tasks: [],
          };
          calls.push(call);
          return call;
        }
      },
    };
    const turn = await engine.respond(context);
    state = turn.state;
    reply = turn.reply;
  }
  const fail = (reason: string): CaseResult => ({
    case: testCase,
    passed: false,
    reason,
    calls,
    reply,
  });
  const expected = testCase.expect;
  if ('question' in expected) {
    if (calls.some((call) => call.name !== 'list_tasks'))
      return fail(`expected a question, got ${calls.map((c) => c.name).join(', ')}`);
    if (!reply.includes('?') && !/can’t find|didn’t understand/.test(reply))
      return fail(`expected a question, got “${reply}”`);
    return { case: testCase, passed: true, calls, reply };
  }
  const call = calls.find((candidate) => candidate.name === expected.tool);
  if (!call)
    return fail(
      `expected ${expected.tool}, got ${calls.map((c) => c.name).join(', ') || `no call (“${reply}”)`}`,
    );
  if (!call.ok) return fail(`${expected.tool} failed: ${call.summary}`);
  for (const [key, value] of Object.entries(expected.args ?? {})) {
    if (key === 'task') {
      const want = seeded.get(String(value));
      if (!want || call.arguments.task_id !== want.id)
        return fail(`expected task “${String(value)}”, got ${String(call.arguments.task_id)}`);
    } else if (key === 'due_local') {
      const due = call.arguments.due_at;
      if (typeof due !== 'string' || localOf(due) !== value)
        return fail(
          `expected due ${String(value)}, got ${typeof due === 'string' ? localOf(due) : 'none'}`,
        );
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const actual = call.arguments[key] as Record<string, unknown> | undefined;
      for (const [inner, innerValue] of Object.entries(value)) {
        if (!isDeepStrictEqual(actual?.[inner], innerValue))
          return fail(
            `expected ${key}.${inner} = ${JSON.stringify(innerValue)}, got ${JSON.stringify(actual?.[inner])}`,
          );
      }
    } else if (!isDeepStrictEqual(call.arguments[key], value)) {
      return fail(
        `expected ${key} = ${JSON.stringify(value)}, got ${JSON.stringify(call.arguments[key])}`,
      );
    }
  }
  return { case: testCase, passed: true, calls, reply };
}

export async function evaluateCorpus(): Promise<{ accuracy: number; results: CaseResult[] }> {
  const results: CaseResult[] = [];
  for (const testCase of corpus) results.push(await evaluateCase(testCase));
  return { accuracy: results.filter((result) => result.passed).length / results.length, results };
}
