import { Temporal } from '@js-temporal/polyfill';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ExecutedToolCall } from '../../gateway/chat/engine.ts';
import { normalise } from '../../gateway/chat/offline/normalise.ts';
import { HELP_REPLY } from '../../gateway/chat/offline/replies.ts';
import { dueRange } from '../../gateway/chat/offline/date-range.ts';
import { findWhen } from '../../gateway/chat/offline/when.ts';
import type { ToolName } from '../../schemas/tools.ts';
import type { SeedTask } from './corpus.ts';
import { isWrite } from './evaluate.ts';
import { questionReason, type QuestionReason } from './fitting-question.ts';
import { NOW, World, ZONE } from './world.ts';

/**
 * The offline engine against SLURP utterances (real people talking to a voice assistant), judged
 * by intent. The scoring rules are written out in docs/CHAT.md.
 */
export const DEFAULT_SLURP_FILE = '../shared/data/slurp/devel-tasks.jsonl';

const lineSchema = z.object({
  slurp_id: z.number(),
  sentence: z.string().max(2000),
  annotation: z.string().max(4000),
  intent: z.enum([
    'calendar_set',
    'calendar_query',
    'calendar_remove',
    'lists_createoradd',
    'lists_query',
    'lists_remove',
  ]),
});
export type SlurpLine = z.infer<typeof lineSchema>;

export function readSlurp(file: string): SlurpLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => lineSchema.parse(JSON.parse(line)));
}

/** "[date : tomorrow] at [time : nine pm]" → { date: ['tomorrow'], time: ['nine pm'] }. */
export function slotsOf(annotation: string): Record<string, string[]> {
  const slots: Record<string, string[]> = {};
  for (const match of annotation.matchAll(/\[\s*([a-z_]+)\s*:\s*([^\]]*?)\s*\]/g))
    (slots[match[1]!] ??= []).push(match[2]!);
  return slots;
}

/**
 * Utterances of the devel file whose intent label contradicts the sentence, judged by the
 * intent the sentence states. Listed by id and sentence, and printed as such; nothing else is.
 */
export const relabelled: Record<number, { sentence: string; intent: SlurpLine['intent'] }> = {
  10457: { sentence: 'add vodka to my party shopping list', intent: 'lists_createoradd' },
};

const intentOf = (line: SlurpLine): SlurpLine['intent'] => {
  const fix = relabelled[line.slurp_id];
  return fix && fix.sentence === line.sentence ? fix.intent : line.intent;
};

type Family = 'set' | 'query' | 'remove';
const familyOf = (intent: SlurpLine['intent']): Family =>
  intent.endsWith('_query') ? 'query' : intent.endsWith('_remove') ? 'remove' : 'set';

/** The writes that do what each kind of request asks. */
const rightWrites: Record<Family, ToolName[]> = {
  set: ['add_task', 'update_task', 'set_reminder', 'set_recurrence'],
  query: [],
  remove: ['delete_task', 'complete_task'],
};

/**
 * A world with what a person's calendar and lists plausibly hold, so that a query or a removal
 * has something to find. Clock: Thursday 2026-11-26 11:00 in Berlin.
 */
export const slurpWorld: SeedTask[] = [
  { title: 'Milk', tags: ['shopping'] },
  { title: 'Eggs', tags: ['shopping'] },
  { title: 'Bread', tags: ['shopping'] },
  { title: 'Pepper', tags: ['grocery'] },
  { title: 'Apples', tags: ['grocery'] },
  { title: 'Call the plumber', tags: ['todo'] },
  { title: 'Team meeting', due_at: '2026-11-26T16:00:00Z', tags: ['work'] },
  { title: 'Meeting with John', due_at: '2026-11-27T14:00:00Z', tags: ['work'] },
  { title: 'Dentist appointment', due_at: '2026-11-27T09:30:00Z' },
  { title: 'Lunch with Sarah', due_at: '2026-11-28T11:00:00Z' },
  { title: 'Birthday party', due_at: '2026-12-03T17:00:00Z' },
  { title: 'Project review meeting', due_at: '2026-12-01T13:00:00Z', tags: ['work'] },
  { title: 'Pay the phone bill', due_at: '2026-12-14T09:00:00Z' },
];

export interface SlotCheck {
  slot: 'date' | 'time';
  said: string;
  right: boolean;
}

export interface SlurpResult {
  line: SlurpLine;
  reply: string;
  calls: ExecutedToolCall[];
  understood: boolean;
  rightAction: boolean;
  wrongWrite?: string;
  /** Asked a question (or for confirmation) instead of acting. */
  asked: boolean;
  /** Why a question is the fitting answer here (from the annotation and the world), if it is. */
  questionReason?: QuestionReason;
  /** Right, or no write and the fitting question ("I can't find …" for what is not held). */
  rightOrFittingQuestion: boolean;
  slots: SlotCheck[];
}

const localDate = (instant: string) =>
  Temporal.Instant.from(instant).toZonedDateTimeISO(ZONE).toPlainDate().toString();
const localTime = (instant: string) =>
  Temporal.Instant.from(instant)
    .toZonedDateTimeISO(ZONE)
    .toPlainTime()
    .toString({ smallestUnit: 'minute' });

/** What the slot's own words mean, read alone; undefined when they name no one moment. */
function slotInstant(words: string): string | undefined {
  return findWhen(normalise(words), ZONE, NOW)?.instant;
}

/** The local date and time the date and time slots name, each when it can be read alone. */
function slotLocals(slots: Record<string, string[]>): { date?: string; time?: string } {
  const date = slots.date?.[0] ? slotInstant(slots.date[0]) : undefined;
  const time = slots.time?.[0] ? slotInstant(slots.time[0]) : undefined;
  return {
    ...(date ? { date: localDate(date) } : {}),
    ...(time ? { time: localTime(time) } : {}),
  };
}

const spanWords = /\b(?:week|weekend|month|days|rest of)\b/i;

/** The days a date slot that names several of them covers, read alone. */
const slotRange = (words: string) => dueRange(normalise(words), ZONE, NOW);

/** The instants and ranges the engine's calls named: due times written, ranges listed. */
function namedTimes(calls: readonly ExecutedToolCall[], targets: readonly string[]) {
  const dues: string[] = [...targets];
  const ranges: [string, string][] = [];
  for (const call of calls) {
    if (typeof call.arguments.due_at === 'string') dues.push(call.arguments.due_at);
    const from = call.arguments.due_from;
    const to = call.arguments.due_to;
    if (typeof from === 'string' || typeof to === 'string')
      ranges.push([typeof from === 'string' ? from : '0000', typeof to === 'string' ? to : '9999']);
  }
  return { dues, ranges };
}

function checkSlots(
  slots: Record<string, string[]>,
  calls: readonly ExecutedToolCall[],
  targets: readonly string[],
): SlotCheck[] {
  const checks: SlotCheck[] = [];
  const { dues, ranges } = namedTimes(calls, targets);
  for (const slot of ['date', 'time'] as const) {
    const said = slots[slot]?.[0];
    if (!said) continue;
    // A time slot that names no clock time ("weekend", "rest of the day") cannot be read alone.
    if (slot === 'time' && !/\d|\bnoon\b|\bmidnight\b/i.test(normalise(said))) continue;
    // A date slot that names several days ("this month", "the next five days") is a range.
    const span = slot === 'date' && spanWords.test(said) ? slotRange(said) : undefined;
    if (span) {
      checks.push({
        slot,
        said,
        right:
          dues.some((due) => span.due_from <= due && due < span.due_to) ||
          ranges.some(([from, to]) => from < span.due_to && span.due_from < to),
      });
      continue;
    }
    const expected = slotInstant(said);
    if (!expected) continue;
    const right =
      slot === 'date'
        ? dues.some((due) => localDate(due) === localDate(expected)) ||
          ranges.some(([from, to]) => from <= expected && expected < to)
        : // A list of whole days shows every time of those days.
          dues.some((due) => localTime(due) === localTime(expected)) || ranges.length > 0;
    checks.push({ slot, said, right });
  }
  return checks;
}

/** Runs one utterance in a fresh world and judges it by its intent. */
export async function judge(line: SlurpLine): Promise<SlurpResult> {
  const world = await World.seeded(slurpWorld);
  const seeded = [...world.byTitle.values()];
  const turn = await world.say(line.sentence);
  const family = familyOf(intentOf(line));
  const writes = turn.calls.filter(isWrite);
  const pending = turn.state.pending;
  const asked = writes.length === 0 && (pending !== undefined || turn.reply.includes('?'));
  const stray = writes.find((call) => !rightWrites[family].includes(call.name));
  const slots = slotsOf(line.annotation);
  // The tasks a removal took (or asks to take): they must be on the day the sentence named.
  const removed = [
    ...writes.filter((call) => rightWrites.remove.includes(call.name)).flatMap((c) => c.tasks),
    ...(pending && rightWrites.remove.includes(pending.name)
      ? pending.calls.map((args) => world.service.states.get(String(args.task_id))?.task)
      : []),
  ].filter((task) => task !== undefined);
  const removedDues = removed.flatMap((task) => (task.due_at ? [task.due_at] : []));
  // A reminder set on a task is on that task's day.
  const remindedDues = writes
    .filter((call) => call.name === 'set_reminder')
    .flatMap((call) => call.tasks.flatMap((task) => (task.due_at ? [task.due_at] : [])));
  const slotChecks = checkSlots(
    slots,
    turn.calls,
    family === 'remove' ? removedDues : remindedDues,
  );
  let wrongWrite = stray ? `${stray.name} for a ${family} request` : undefined;
  // A removal (done or asked about) of a task not on the day, or at the time, the slots name.
  const missedSlot = family === 'remove' ? slotChecks.find((check) => !check.right) : undefined;
  if (!wrongWrite && missedSlot && writes.length > 0)
    wrongWrite = `removed a task not ${missedSlot.slot === 'date' ? 'on' : 'at'} “${missedSlot.said}”`;
  const acted =
    family === 'query'
      ? turn.calls.some(
          (call) => call.ok && (call.name === 'list_tasks' || call.name === 'get_task'),
        )
      : writes.some((call) => rightWrites[family].includes(call.name)) ||
        // A removal of several tasks, or of one not clearly named, is right when it asks to
        // confirm the right tool on tasks it found.
        (family === 'remove' &&
          pending !== undefined &&
          rightWrites.remove.includes(pending.name) &&
          pending.calls.length > 0);
  const rightAction = acted && wrongWrite === undefined && missedSlot === undefined;
  const understood = turn.reply !== HELP_REPLY;
  const reason = questionReason(line.annotation, family, seeded, {
    zone: ZONE,
    ...slotLocals(slots),
  });
  const fittingQuestion =
    reason !== undefined &&
    understood &&
    writes.length === 0 &&
    pending === undefined &&
    // The question must be about the request's kind: what to add, or which task to remove.
    (family === 'remove'
      ? /^(?:I can’t find|Which |What should I remove)/.test(turn.reply)
      : /^What should /.test(turn.reply) && turn.reply.includes('?'));
  return {
    line,
    reply: turn.reply,
    calls: turn.calls,
    understood,
    rightAction,
    ...(reason ? { questionReason: reason } : {}),
    rightOrFittingQuestion: rightAction || fittingQuestion,
    ...(wrongWrite ? { wrongWrite } : {}),
    asked,
    slots: slotChecks,
  };
}

export interface SlurpScore {
  total: number;
  understood: number;
  rightAction: number;
  rightOrFittingQuestion: number;
  wrongWrites: number;
  date: { right: number; total: number };
  time: { right: number; total: number };
  results: SlurpResult[];
}

export async function evaluateSlurp(lines: readonly SlurpLine[]): Promise<SlurpScore> {
  const results: SlurpResult[] = [];
  for (const line of lines) results.push(await judge(line));
  const slotScore = (slot: 'date' | 'time') => {
    const checks = results.flatMap((result) => result.slots.filter((s) => s.slot === slot));
    return { right: checks.filter((check) => check.right).length, total: checks.length };
  };
  return {
    total: results.length,
    understood: results.filter((r) => r.understood).length,
    rightAction: results.filter((r) => r.rightAction).length,
    rightOrFittingQuestion: results.filter((r) => r.rightOrFittingQuestion).length,
    wrongWrites: results.filter((r) => r.wrongWrite !== undefined).length,
    date: slotScore('date'),
    time: slotScore('time'),
    results,
  };
}
