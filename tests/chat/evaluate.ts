import { isDeepStrictEqual } from 'node:util';
import type { ExecutedToolCall } from '../../gateway/chat/engine.ts';
import type { CorpusCase } from './corpus.ts';
import { localOf, World } from './world.ts';

export interface CaseResult {
  case: CorpusCase;
  passed: boolean;
  reason?: string;
  calls: ExecutedToolCall[];
  reply: string;
  /** A write that is not what was asked: another tool, another task, or any write for a question. */
  wrongWrite: boolean;
}

const reads = new Set(['list_tasks', 'get_task']);
export const isWrite = (call: ExecutedToolCall) => call.ok && !reads.has(call.name);

/** Instants named on the Berlin wall clock: the due time, and a list's range. */
const localKeys: Record<string, string> = {
  due_local: 'due_at',
  from_local: 'due_from',
  to_local: 'due_to',
};

/** Why a call's arguments differ from what the case expects, or undefined when they agree. */
function argumentMismatch(
  call: ExecutedToolCall,
  expected: Record<string, unknown>,
  world: World,
): string | undefined {
  for (const [key, value] of Object.entries(expected)) {
    if (key === 'task') {
      const want = world.byTitle.get(String(value));
      if (!want || call.arguments.task_id !== want.id)
        return `expected task “${String(value)}”, got ${String(call.arguments.task_id)}`;
    } else if (key in localKeys) {
      const actual = call.arguments[localKeys[key]!];
      const local = typeof actual === 'string' ? localOf(actual) : 'none';
      if (local !== value) return `expected ${key} ${String(value)}, got ${local}`;
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const actual = call.arguments[key] as Record<string, unknown> | undefined;
      for (const [inner, innerValue] of Object.entries(value)) {
        if (!isDeepStrictEqual(actual?.[inner], innerValue))
          return `expected ${key}.${inner} = ${JSON.stringify(innerValue)}, got ${JSON.stringify(actual?.[inner])}`;
      }
    } else if (!isDeepStrictEqual(call.arguments[key], value)) {
      return `expected ${key} = ${JSON.stringify(value)}, got ${JSON.stringify(call.arguments[key])}`;
    }
  }
  return undefined;
}

/** Runs one case in a fresh in-memory world and judges the engine's tool calls. */
export async function evaluateCase(testCase: CorpusCase): Promise<CaseResult> {
  // The case's earlier messages, then its own, in one conversation; the last turn is judged.
  const world = await World.seeded(testCase.tasks ?? []);
  for (const message of testCase.before ?? []) await world.say(message);
  const { calls, reply } = await world.say(testCase.say);
  const writes = calls.filter(isWrite);
  const expected = testCase.expect;
  const result = (passed: boolean, reason?: string, wrongWrite = false): CaseResult => ({
    case: testCase,
    passed,
    ...(reason ? { reason } : {}),
    calls,
    reply,
    wrongWrite,
  });
  if ('question' in expected) {
    if (writes.length > 0)
      return result(
        false,
        `expected a question, got ${writes.map((c) => c.name).join(', ')}`,
        true,
      );
    if (!reply.includes('?') && !/can’t find|didn’t understand/.test(reply))
      return result(false, `expected a question, got “${reply}”`);
    return result(true);
  }
  const call = calls.find((candidate) => candidate.name === expected.tool);
  const stray = writes.some((write) => write.name !== expected.tool);
  if (!call)
    return result(
      false,
      `expected ${expected.tool}, got ${calls.map((c) => c.name).join(', ') || `no call (“${reply}”)`}`,
      stray,
    );
  if (!call.ok) return result(false, `${expected.tool} failed: ${call.summary}`, stray);
  const mismatch = argumentMismatch(call, expected.args ?? {}, world);
  // A write with the right tool but the wrong task or values is a wrong write too.
  return mismatch
    ? result(false, mismatch, stray || isWrite(call))
    : result(true, undefined, stray);
}

export interface CorpusScore {
  accuracy: number;
  wrongWrites: number;
  results: CaseResult[];
}

export async function evaluateCorpus(cases: readonly CorpusCase[]): Promise<CorpusScore> {
  const results: CaseResult[] = [];
  for (const testCase of cases) results.push(await evaluateCase(testCase));
  return {
    accuracy: results.filter((result) => result.passed).length / results.length,
    wrongWrites: results.filter((result) => result.wrongWrite).length,
    results,
  };
}
