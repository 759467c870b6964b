import { Temporal } from '@js-temporal/polyfill';
import { computableTimeZone } from '../../../schemas/time-zone.ts';
import type { Task } from '../../../schemas/task.ts';
import type { ChatContext, EngineTurn } from '../engine.ts';
import { listTag } from './add-phrase.ts';
import { dueRange } from './date-range.ts';
import { isVagueTitle } from './intent-words.ts';
import { matchScore, resolveReference } from './match.ts';
import { readRemoval } from './removal.ts';
import {
  type TaskLookup,
  type Rule,
  pronoun,
  titleList,
  dueIn,
  confirmFirst,
  target,
  act,
} from './task-turns.ts';

/**
 * Completing, reopening and removing: one task by its title at once; several, or one found only
 * by its day or position, asked about first.
 */

/**
 * "remove pepper from my grocery list", "cancel my meeting tomorrow", "clear my calendar for
 * today": the tasks named by title, list and day. One task named by its title goes at once;
 * several, or one found only by its day or position ("the next event"), are asked about first.
 */
export async function removeNamed(
  context: ChatContext,
  lookup: TaskLookup,
): Promise<EngineTurn | undefined> {
  const removal = readRemoval(context.message);
  if (!removal) return undefined;
  const range = removal.when ? dueRange(removal.when, context.timeZone, context.now) : undefined;
  const open = await lookup('open');
  let candidates = open.filter(
    (task) => !range || (task.due_at !== null && dueIn(task.due_at, range)),
  );
  if (removal.list) {
    const tag = listTag(removal.list);
    const tagged = candidates.filter((task) => task.tags.some((t) => t.toLowerCase() === tag));
    if (tagged.length > 0 || !/^(?:to-?do|task)s?$/.test(tag)) candidates = tagged;
  }
  if (removal.calendar && !removal.list)
    candidates = candidates.filter((task) => task.due_at !== null);
  // "my event at one pm today": only what is at that time.
  const at = removal.at;
  if (at)
    candidates = candidates.filter((task) => {
      if (task.due_at === null) return false;
      const local = Temporal.Instant.from(task.due_at).toZonedDateTimeISO(
        computableTimeZone(context.timeZone),
      );
      return local.hour === at.hour && local.minute === at.minute;
    });
  const byDue = [...candidates].sort((a, b) => (a.due_at ?? '~').localeCompare(b.due_at ?? '~'));
  const deleteAll = (tasks: readonly Task[]) =>
    tasks.length === 0
      ? {
          reply: removal.list
            ? `I can’t find anything on a “${removal.list}” list.`
            : 'I can’t find anything to remove there.',
          state: context.state,
        }
      : confirmFirst(context, 'delete_task', 'Delete', tasks, (t) => ({ task_id: t.id }));
  if (removal.all) {
    // "all my meetings", "all events with evan parker": only what the words name.
    const named = removal.reference
      .replace(
        /\b(?:all|every|everything|of|my|the|and|from|in|on|calendar|schedules?|agenda|diary|day|events?|items?|tasks?|reminders?|appointments?|entries|things|stuff|data|information|info|clean|out)\b/gi,
        ' ',
      )
      .trim();
    return deleteAll(
      named === '' || isVagueTitle(named)
        ? candidates
        : candidates.filter(
            (task) => matchScore(named, `${task.title} ${task.tags.join(' ')}`) >= 0.6,
          ),
    );
  }
  if (removal.next) {
    const next = byDue.find(
      (task) => task.due_at !== null && task.due_at >= context.now.toISOString(),
    );
    return deleteAll(next ? [next] : []);
  }
  if (isVagueTitle(removal.reference)) {
    if (pronoun.test(removal.reference.trim()) && context.state.focus.length > 0)
      return deleteOne(removal.reference, context, lookup);
    if (range || removal.at) return deleteAll(candidates);
    return {
      reply: 'Which task should I remove? Tell me part of its title.',
      state: context.state,
    };
  }
  // A title alone ("delete water the plants") is the single delete's.
  if (!range && !removal.placed && !removal.calendar) return undefined;
  let resolved = resolveReference(removal.reference, removal.placed || range ? candidates : open);
  // "take milk off my grocery list" when milk is on the shopping list: the item is what counts.
  if (resolved.kind === 'none' && removal.list && !range)
    resolved = resolveReference(removal.reference, open);
  if (resolved.kind === 'one') return act(context, 'delete_task', { task_id: resolved.task.id });
  if (resolved.kind === 'ambiguous')
    return {
      reply: `Which one do you mean: ${titleList(resolved.tasks.slice(0, 5))}?`,
      state: context.state,
    };
  return {
    reply: `I can’t find “${removal.reference}”${removal.list ? ` on your ${removal.list} list` : ''}${removal.when ? ` ${removal.when}` : ''}.`,
    state: context.state,
  };
}

export async function deleteOne(reference: string, context: ChatContext, lookup: TaskLookup) {
  const task = await target(reference, context, lookup, 'all');
  return 'reply' in task ? task : act(context, 'delete_task', { task_id: task.id });
}

/** A delete that names the whole series rather than this occurrence. */
export const wholeSeries =
  /\s*,?\s+(?:and\s+)?(?:all\s+(?:the\s+)?future\s+(?:ones|occurrences)|(?:for\s+)?(?:the\s+)?(?:whole|entire)\s+series)$/i;

// Bulk deletions ask first.
export const bulkDeleteRule: Rule = [
  /^(?:delete|remove|clear|clean up)\s+(?:all\s+)?(?:of\s+)?(?:my\s+)?(completed|done|finished|all)\s+(?:tasks|todos)\b/i,
  async (match, context, lookup) => {
    const scope = match[1]!.toLowerCase() === 'all' ? 'all' : 'completed';
    const tasks = await lookup(scope);
    if (tasks.length === 0) return { reply: 'There is nothing to delete.', state: context.state };
    const question = `Delete ${tasks.length} task${tasks.length === 1 ? '' : 's'}: ${titleList(tasks.slice(0, 5))}${tasks.length > 5 ? ', …' : ''}? Say yes to confirm.`;
    return {
      reply: question,
      state: {
        ...context.state,
        pending: {
          name: 'delete_task',
          calls: tasks.map((task) => ({ task_id: task.id })),
          question,
        },
      },
    };
  },
];

// Several tasks at once: always asked first.
export const severalAtOnceRule: Rule = [
  /^(?:complete|finish|mark|tick off|check off|close|delete|remove)\s+(.+?)\s+and\s+(.+?)(?:\s+(?:as\s+)?(?:done|complete|completed|finished))?$/i,
  async (match, context, lookup) => {
    if (
      wholeSeries.test(context.message) ||
      /\band tag\b/i.test(context.message) ||
      /\b(?:all|every|everything)\b/i.test(match[1]!)
    )
      return undefined;
    const removing = /^(?:delete|remove)/i.test(context.message);
    const tasks: Task[] = [];
    for (const reference of [match[1]!, match[2]!]) {
      const task = await target(reference, context, lookup, removing ? 'all' : 'open');
      if ('reply' in task) return task;
      tasks.push(task);
    }
    return removing
      ? confirmFirst(context, 'delete_task', 'Delete', tasks, (t) => ({ task_id: t.id }))
      : confirmFirst(context, 'complete_task', 'Complete', tasks, (t) => ({
          task_id: t.id,
        }));
  },
];

// Removing from a list or a calendar.
export const removalRule: Rule = [
  /^(?:(?:(?:open|find|go to|check)\s+.{0,30}?)?(?:remove|delete|cancel|drop|erase|clear|wipe|cross out|cross off|take|scratch)\s+.+|i (?:don't|do not) (?:want|need)\s+.+|make sure (?:my|the) (?:calendar|schedule|agenda|diary) is .+)$/i,
  async (_match, context, lookup) => removeNamed(context, lookup),
];

export const markOpenRule: Rule = [
  /^(?:mark|set)\s+(.+?)\s+(?:as\s+)?(?:not done|undone|incomplete|open|pending|not finished)$/i,
  async (match, context, lookup) => {
    const task = await target(match[1]!, context, lookup, 'completed');
    return 'reply' in task ? task : act(context, 'reopen_task', { task_id: task.id });
  },
];

export const reopenRule: Rule = [
  /^(?:reopen|re-open|uncomplete|unmark|undo)\s+(.+)$/i,
  async (match, context, lookup) => {
    const task = await target(match[1]!, context, lookup, 'completed');
    return 'reply' in task ? task : act(context, 'reopen_task', { task_id: task.id });
  },
];

export const markDoneRule: Rule = [
  /^(?:mark|set|tick|check)\s+(.+?)\s+(?:as\s+|off\s+as\s+)?(?:done|complete|completed|finished|off)$/i,
  async (match, context, lookup) => {
    const task = await target(match[1]!, context, lookup);
    return 'reply' in task ? task : act(context, 'complete_task', { task_id: task.id });
  },
];

export const completeRule: Rule = [
  /^(?:complete|finish|finished|done with|check off|tick off|close|i(?:'ve| have)? (?:finished|completed|done|did))\s+(.+)$/i,
  async (match, context, lookup) => {
    const task = await target(match[1]!, context, lookup);
    return 'reply' in task ? task : act(context, 'complete_task', { task_id: task.id });
  },
];

export const isDoneRule: Rule = [
  /^(.+?)\s+is\s+(?:done|finished|complete)$/i,
  async (match, context, lookup) => {
    const task = await target(match[1]!, context, lookup);
    return 'reply' in task ? task : act(context, 'complete_task', { task_id: task.id });
  },
];

export const deleteRule: Rule = [
  /^(?:delete|remove|drop|trash|get rid of|cancel)\s+(.+)$/i,
  async (match, context, lookup) => {
    // "… and all future ones", "… (the) whole series": the series ends here.
    const name = match[1]!.replace(wholeSeries, '');
    const task = await target(name, context, lookup, 'all');
    if ('reply' in task) return task;
    return act(context, 'delete_task', {
      task_id: task.id,
      ...(name !== match[1] ? { scope: 'series' } : {}),
    });
  },
];
