import { Temporal } from '@js-temporal/polyfill';
import { isClosed, type Task } from '../../../schemas/task.ts';
import type { ToolName } from '../../../schemas/tools.ts';
import { describeRule } from '../../quick-add/describe-task.ts';
import type { Pending } from '../confirmation.ts';
import type { ChatContext, EngineTurn, ExecutedToolCall } from '../engine.ts';
import { formatWhen } from '../reply-format.ts';
import { dueRange, type DueRange } from './date-range.ts';
import { resolveReference } from './match.ts';
import { splitDay } from './removal.ts';
import { inverseOf } from './undo.ts';

/**
 * The steps the offline engine's handlers share: find the task a reference means (or the
 * question to ask), run a write noting how to undo it, ask before a change to several tasks,
 * and say what a write did on the user's clock.
 */

export type TaskLookup = ChatContext['findTasks'];

/** One step of the dispatcher: a message it may answer, or undefined to let the next one try. */
export type Handler = (
  match: RegExpMatchArray,
  context: ChatContext,
  lookup: TaskLookup,
) => Promise<EngineTurn | undefined>;

/** A pattern and its handler, tried in the dispatcher's order. */
export type Rule = [RegExp, Handler];

export const pronoun =
  /^(?:it|that|this|that one|this one|the last one|the task|that task|this task|the one i just added)$/i;

export const titleList = (tasks: readonly Task[]) =>
  tasks.map((task) => `“${task.title}”`).join(', ');

/** Whether an instant falls in a range of days. */
export const dueIn = (instant: string, range: DueRange) =>
  instant >= range.due_from && instant < range.due_to;

/** An instant moved on the user's wall clock ("by 2 days" keeps the time across a DST change). */
export const shift = (instant: string, by: Temporal.DurationLike, zone: string) =>
  Temporal.Instant.from(instant)
    .toZonedDateTimeISO(zone)
    .add(by)
    .toInstant()
    .toString({ smallestUnit: 'millisecond' });

export const inScope = (task: Task, scope: 'open' | 'completed' | 'all') =>
  scope === 'all' || (scope === 'completed' ? task.status === 'completed' : !isClosed(task.status));

/** Runs one write, noting how to take it back. */
export async function run(context: ChatContext, name: ToolName, args: Record<string, unknown>) {
  const before = typeof args.task_id === 'string' ? await context.getTask(args.task_id) : undefined;
  const call = await context.runTool(name, args);
  const undo = call.ok ? inverseOf(name, args, before, call.tasks[0]) : undefined;
  return { call, undo };
}

/** Asks before a change to several tasks (or one not named by its title). */
export function confirmFirst(
  context: ChatContext,
  name: ToolName,
  verb: string,
  tasks: readonly Task[],
  args: (task: Task) => Record<string, unknown>,
): EngineTurn {
  const question = `${verb} ${tasks.length} task${tasks.length === 1 ? '' : 's'}: ${titleList(tasks.slice(0, 5))}${tasks.length > 5 ? ', …' : ''}? Say yes to confirm.`;
  return {
    reply: question,
    state: { ...context.state, pending: { name, calls: tasks.map(args), question } },
  };
}

/** Finds the one task a reference means, or returns the question to ask instead. */
export async function target(
  reference: string,
  context: ChatContext,
  lookup: TaskLookup,
  scope: 'open' | 'completed' | 'all' = 'open',
): Promise<Task | EngineTurn> {
  const cleaned = reference
    .replace(/^(?:the|my)\s+/i, '')
    .replace(/\s+(?:task|todo|one)$/i, '')
    .trim();
  if (pronoun.test(reference.trim()) || pronoun.test(cleaned) || cleaned === '') {
    const focus = context.state.focus[0];
    const task = focus ? await context.getTask(focus) : undefined;
    if (task) return task;
    return { reply: 'Which task do you mean? Tell me part of its title.', state: context.state };
  }
  // The read model may lag a moment behind: the tasks this conversation just touched are read
  // from their actors and considered too.
  const recent = (await Promise.all(context.state.focus.map((id) => context.getTask(id)))).filter(
    (task): task is Task => task !== undefined && inScope(task, scope),
  );
  const listed = await lookup(scope);
  const candidates = [...recent, ...listed.filter((task) => !recent.some((r) => r.id === task.id))];
  let resolved = resolveReference(cleaned, candidates);
  // "the meeting i have tomorrow morning": the title, on the day it names.
  const dated = resolved.kind === 'one' ? undefined : splitDay(cleaned);
  const range = dated ? dueRange(dated.when, context.timeZone, context.now) : undefined;
  if (dated && range)
    resolved = resolveReference(
      dated.rest,
      candidates.filter((task) => task.due_at !== null && dueIn(task.due_at, range)),
    );
  if (resolved.kind === 'one') return resolved.task;
  if (resolved.kind === 'ambiguous') {
    return {
      reply: `Which one do you mean: ${titleList(resolved.tasks.slice(0, 5))}?`,
      state: context.state,
    };
  }
  return {
    reply: `I can’t find a ${scope === 'completed' ? 'completed ' : ''}task matching “${cleaned}”.`,
    state: context.state,
  };
}

export async function act(
  context: ChatContext,
  name: ToolName,
  args: Record<string, unknown>,
): Promise<EngineTurn> {
  const { call, undo } = await run(context, name, args);
  if (!call.ok) return { reply: `That didn’t work: ${call.summary}`, state: context.state };
  return {
    reply: `${outcomeText(call, context)}.`,
    state: {
      ...context.state,
      focus: call.tasks.map((task) => task.id),
      undo: undo ? [undo] : undefined,
    },
  };
}

/** Runs a pending change the person said yes to, noting how to take it all back. */
export async function confirmPending(context: ChatContext, pending: Pending): Promise<EngineTurn> {
  const outcomes = [];
  for (const args of pending.calls) outcomes.push(await run(context, pending.name, args));
  const done = outcomes.filter((outcome) => outcome.call.ok);
  return {
    reply: `Done: ${done.map((o) => outcomeText(o.call, context)).join('; ') || 'nothing to do'}.`,
    state: {
      focus: done.flatMap((o) => o.call.tasks.map((task) => task.id)),
      pending: undefined,
      undo: done.flatMap((o) => (o.undo ? [o.undo] : [])),
    },
  };
}

const verbs: Partial<Record<ToolName, string>> = {
  add_task: 'Added',
  update_task: 'Updated',
  complete_task: 'Completed',
  reopen_task: 'Reopened',
  delete_task: 'Deleted',
  skip_task: 'Skipped',
  set_reminder: 'Reminders set for',
  set_recurrence: 'Recurrence set for',
  snooze_reminder: 'Snoozed the reminder of',
};

/** What a write did, in the user's zone: "Added “Buy milk” — tomorrow at 17:00, weekly on Mon". */
export function outcomeText(call: ExecutedToolCall, context: ChatContext): string {
  const task = call.tasks[0];
  if (!task) return call.summary;
  const verb = verbs[call.name] ?? call.summary;
  const series =
    call.name === 'delete_task' && call.arguments.scope === 'series' ? ' (the whole series)' : '';
  const details: string[] = [];
  const snoozed = task.reminders.find((r) => r.id === call.arguments.reminder_id)?.snoozed_until;
  if (call.name === 'snooze_reminder' && snoozed)
    details.push(`until ${formatWhen(snoozed, context.timeZone, context.now)}`);
  else if (call.name !== 'delete_task' && call.name !== 'complete_task' && task.due_at)
    details.push(formatWhen(task.due_at, context.timeZone, context.now));
  const rule = call.arguments.recurrence;
  if (rule && typeof rule === 'object' && call.name !== 'delete_task')
    details.push(describeRule(rule as Parameters<typeof describeRule>[0]));
  if (call.name === 'update_task' && typeof call.arguments.status === 'string')
    details.push(call.arguments.status.replace('_', ' '));
  return `${verb} “${task.title}”${series}${details.length > 0 ? ` — ${details.join(', ')}` : ''}`;
}
