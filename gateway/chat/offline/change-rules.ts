import { Temporal } from '@js-temporal/polyfill';
import type { Reminder } from '../../../schemas/reminder.ts';
import type { Task, TaskPriority } from '../../../schemas/task.ts';
import type { ChatContext, EngineTurn } from '../engine.ts';
import { dueRange } from './date-range.ts';
import { durationOf, parseTaskPhrase, reminderPattern } from './task-phrase.ts';
import {
  type TaskLookup,
  type Rule,
  dueIn,
  shift,
  confirmFirst,
  target,
  act,
} from './task-turns.ts';
import { findWhen } from './when.ts';

/**
 * Changing tasks: due times moved or shifted, status, tags, notes, titles, priority, repetition,
 * reminders, skipping an occurrence and snoozing a reminder.
 */

export async function reschedule(
  reference: string,
  said: string,
  context: ChatContext,
  lookup: TaskLookup,
): Promise<EngineTurn> {
  const when = findWhen(said, context.timeZone, context.now);
  if (!when)
    return {
      reply: `When should “${reference}” be due? I didn’t understand “${said}”.`,
      state: context.state,
    };
  const task = await target(reference, context, lookup, 'all');
  return 'reply' in task
    ? task
    : act(context, 'update_task', { task_id: task.id, due_at: when.instant });
}

export async function recurrence(
  reference: string,
  rule: string,
  context: ChatContext,
  lookup: TaskLookup,
): Promise<EngineTurn> {
  const phrase = parseTaskPhrase(`x ${rule}`, context.timeZone, context.now);
  if (!phrase.recurrence)
    return {
      reply: `How should it repeat? I didn’t understand “${rule}”.`,
      state: context.state,
    };
  const task = await target(reference, context, lookup, 'all');
  if ('reply' in task) return task;
  if (!task.due_at) {
    const call = await context.runTool('update_task', {
      task_id: task.id,
      due_at: phrase.due_at,
    });
    if (!call.ok) return { reply: `That didn’t work: ${call.summary}`, state: context.state };
  }
  return act(context, 'set_recurrence', { task_id: task.id, recurrence: phrase.recurrence });
}

/**
 * The reminder a snooze means: the one that fired last (the one the person just saw), else the
 * next one to fire.
 */
export function reminderToSnooze(task: Task, now: Date): Reminder | undefined {
  const fired = task.reminders
    .filter((r) => r.fired_at !== null)
    .sort((a, b) => b.fired_at!.localeCompare(a.fired_at!));
  if (fired[0]) return fired[0];
  return task.reminders
    .filter((r) => r.fire_at !== null && r.fire_at >= now.toISOString())
    .sort((a, b) => a.fire_at!.localeCompare(b.fire_at!))[0];
}

export function priorityWord(word: string): TaskPriority {
  const lower = word.toLowerCase();
  if (lower === 'normal') return 'medium';
  if (lower === 'top') return 'urgent';
  return lower as TaskPriority;
}

export const moveEverythingRule: Rule = [
  /^(?:push|move|postpone|shift|reschedule|defer)\s+(?:everything|all(?: (?:my )?tasks)?|all of (?:them|it))\s+(?:(?:that's|that is|that are)\s+)?(?:due\s+)?(.+?)\s+(?:to|until|till)\s+(.+)$/i,
  async (match, context, lookup) => {
    const from = dueRange(match[1]!, context.timeZone, context.now);
    const to = dueRange(match[2]!, context.timeZone, context.now);
    if (!from || !to)
      return { reply: 'From which day to which day should I move them?', state: context.state };
    const tasks = (await lookup('open')).filter(
      (task) => task.due_at !== null && dueIn(task.due_at, from),
    );
    if (tasks.length === 0) return { reply: 'Nothing is due then.', state: context.state };
    const days = Temporal.Instant.from(from.due_from)
      .toZonedDateTimeISO(context.timeZone)
      .toPlainDate()
      .until(
        Temporal.Instant.from(to.due_from).toZonedDateTimeISO(context.timeZone).toPlainDate(),
      ).days;
    return confirmFirst(context, 'update_task', 'Move', tasks, (task) => ({
      task_id: task.id,
      due_at: shift(task.due_at!, { days }, context.timeZone),
    }));
  },
];

// "snooze the dentist reminder for an hour", "snooze milk until tomorrow at 9".
export const snoozeRule: Rule = [
  /^(?:snooze|delay)\s+(?:the\s+)?(?:reminders?\s+(?:for|of|about)\s+)?(.+?)(?:'s)?(?:\s+reminders?)?(?:\s+(?:for|by)\s+(\d+|an?|one)\s+(minutes?|mins?|hours?|hrs?|days?|weeks?)|\s+(?:until|till|to)\s+(.+))?$/i,
  async (match, context, lookup) => {
    if (/^delay\b/i.test(context.message) && !/\breminders?\b/i.test(context.message))
      return undefined;
    const task = await target(match[1]!, context, lookup, 'open');
    if ('reply' in task) return task;
    const reminder = reminderToSnooze(task, context.now);
    if (!reminder)
      return {
        reply: `“${task.title}” has no reminder to snooze.`,
        state: { ...context.state, focus: [task.id] },
      };
    const amount = match[2] && (/^(?:an?|one)$/i.test(match[2]) ? '1' : match[2]);
    const duration = amount ? durationOf(amount, match[3]!) : undefined;
    const until = match[4] ? findWhen(match[4], context.timeZone, context.now) : undefined;
    if (!duration && !until)
      return {
        reply: `For how long should I snooze the reminder of “${task.title}”? For example “for 10 minutes” or “until tomorrow at 9”.`,
        state: { ...context.state, focus: [task.id] },
      };
    return act(context, 'snooze_reminder', {
      task_id: task.id,
      reminder_id: reminder.id,
      ...(duration ? { for: duration } : { until: until!.instant }),
    });
  },
];

export const postponeRule: Rule = [
  /^(?:postpone|push(?: back)?|delay|move|shift|defer)\s+(.+?)\s+(?:back\s+)?(?:by|for)\s+(\d+|an?|one)\s+(minutes?|mins?|hours?|hrs?|days?|weeks?)$/i,
  async (match, context, lookup) => {
    const amount = /^an?|one$/i.test(match[2]!) ? 1 : Number(match[2]);
    const unit = match[3]!.toLowerCase();
    const duration = unit.startsWith('w')
      ? { days: amount * 7 }
      : unit.startsWith('d')
        ? { days: amount }
        : unit.startsWith('h')
          ? { hours: amount }
          : { minutes: amount };
    const task = await target(match[1]!, context, lookup, 'all');
    if ('reply' in task) return task;
    if (!task.due_at)
      return {
        reply: `“${task.title}” has no due date yet. When is it due?`,
        state: context.state,
      };
    return act(context, 'update_task', {
      task_id: task.id,
      due_at: shift(task.due_at, duration, context.timeZone),
    });
  },
];

export const statusRule: Rule = [
  /^(?:(?:mark|set|move|put)\s+(.+?)\s+(?:as\s+|to\s+|in\s+)?(?:in progress|in-progress|started|doing|ongoing)|i(?:'m| am)\s+(?:now\s+)?(?:working on|doing|starting(?: on)?|on)\s+(.+)|(?:start|begin)(?: working on)?\s+(.+))$/i,
  async (match, context, lookup) => {
    const task = await target(match[1] ?? match[2] ?? match[3]!, context, lookup);
    return 'reply' in task
      ? task
      : act(context, 'update_task', { task_id: task.id, status: 'in_progress' });
  },
];

export const tagRule: Rule = [
  /^(?:tag|label)\s+(.+?)\s+(?:with|as)\s+#?([\p{L}\p{N}_-]+(?:\s+and\s+#?[\p{L}\p{N}_-]+)*)$/iu,
  async (match, context, lookup) => {
    const task = await target(match[1]!, context, lookup, 'all');
    if ('reply' in task) return task;
    const added = match[2]!.split(/\s+and\s+/i).map((tag) => tag.replace(/^#/, ''));
    return act(context, 'update_task', {
      task_id: task.id,
      tags: [...new Set([...task.tags, ...added])],
    });
  },
];

export const untagRule: Rule = [
  /^(?:remove|delete|drop|take off|take)\s+the\s+#?([\p{L}\p{N}_-]+)\s+tag\s+(?:from|off|of)\s+(.+)$|^untag\s+(.+?)\s+#?([\p{L}\p{N}_-]+)$/iu,
  async (match, context, lookup) => {
    const tag = (match[1] ?? match[4]!).toLowerCase();
    const task = await target(match[2] ?? match[3]!, context, lookup, 'all');
    if ('reply' in task) return task;
    if (!task.tags.some((t) => t.toLowerCase() === tag))
      return { reply: `“${task.title}” has no tag “${tag}”.`, state: context.state };
    return act(context, 'update_task', {
      task_id: task.id,
      tags: task.tags.filter((t) => t.toLowerCase() !== tag),
    });
  },
];

export const noteRule: Rule = [
  /^(?:add|put|attach|write|leave)\s+(?:a\s+)?note\s+(?:to|on|for)\s+(.+?)\s*:\s*(.+)$/i,
  async (match, context, lookup) => {
    const task = await target(match[1]!, context, lookup, 'all');
    if ('reply' in task) return task;
    const note = match[2]!.trim();
    return act(context, 'update_task', {
      task_id: task.id,
      description: task.description ? `${task.description}\n${note}` : note,
    });
  },
];

export const cancelAndRescheduleRule: Rule = [
  /^(?:cancel|delete|remove)\s+(.+?)\s+and\s+(?:re)?schedule\s+(?:it\s+)?(?:for|to|on)\s+(.+)$/i,
  async (match, context, lookup) => reschedule(match[1]!, match[2]!, context, lookup),
];

export const skipRule: Rule = [
  /^skip\s+(?:this\s+(?:time'?s?|one)\s+)?(.+?)(?:\s+(?:this|next)\s+(?:time|once|week|weekend|month|one)|\s+(?:today|tonight|tomorrow|once|for once|just this once))?$/i,
  async (match, context, lookup) => {
    const task = await target(match[1]!, context, lookup);
    return 'reply' in task ? task : act(context, 'skip_task', { task_id: task.id });
  },
];

export const renameRule: Rule = [
  /^(?:rename|retitle)\s+(.+?)\s+(?:to|as)\s+(.+)$/i,
  async (match, context, lookup) => {
    const task = await target(match[1]!, context, lookup, 'all');
    return 'reply' in task
      ? task
      : act(context, 'update_task', {
          task_id: task.id,
          title: match[2]!.replace(/^["“']|["”']$/g, ''),
        });
  },
];

export const priorityRule: Rule = [
  /^(?:make|set|mark|change|bump|raise|lower)\s+(.+?)\s+(?:to\s+|as\s+)?(?:a\s+)?(low|medium|normal|high|urgent|top)(?:\s+priority)?(?:\s+and\s+tag\s+it\s+(?:with\s+|as\s+)?#?([\p{L}\p{N}_-]+))?$/iu,
  async (match, context, lookup) => {
    const task = await target(
      match[1]!
        .replace(/\s+(?:priority|the priority of)$/i, '')
        .replace(/^(?:the\s+)?priority\s+of\s+/i, ''),
      context,
      lookup,
      'all',
    );
    return 'reply' in task
      ? task
      : act(context, 'update_task', {
          task_id: task.id,
          priority: priorityWord(match[2]!),
          ...(match[3] ? { tags: [...new Set([...task.tags, match[3]])] } : {}),
        });
  },
];

export const prioritiseRule: Rule = [
  /^(?:prioriti[sz]e)\s+(.+)$/i,
  async (match, context, lookup) => {
    const task = await target(match[1]!, context, lookup, 'all');
    return 'reply' in task
      ? task
      : act(context, 'update_task', { task_id: task.id, priority: 'high' });
  },
];

export const rescheduleRule: Rule = [
  /^(?:move|reschedule|postpone|push|change the due date of|set the due date of|set due date of|set due date for)\s+(.+?)\s+(?:to|until|till|for|on|back to)\s+(.+)$/i,
  async (match, context, lookup) => reschedule(match[1]!, match[2]!, context, lookup),
];

export const makeRepeatRule: Rule = [
  /^(?:make|set)\s+(?!an?\s)(.+?)\s+(?:repeat|recur|recurring|repeating)\s+(.+)$/i,
  async (match, context, lookup) => recurrence(match[1]!, match[2]!, context, lookup),
];

export const repeatRule: Rule = [
  /^(?:repeat)\s+(.+?)\s+((?:every|daily|weekly|monthly).+)$/i,
  async (match, context, lookup) => recurrence(match[1]!, match[2]!, context, lookup),
];

export const stopRepeatingRule: Rule = [
  /^(?:stop repeating|don'?t repeat|make)\s+(.+?)(?:\s+(?:not repeat|one-off|non-recurring))?$/i,
  async (match, context, lookup) => {
    if (!/^stop repeating|^don'?t repeat|not repeat|one-off|non-recurring/i.test(context.message))
      return undefined;
    const task = await target(match[1]!, context, lookup, 'all');
    return 'reply' in task
      ? task
      : act(context, 'set_recurrence', { task_id: task.id, recurrence: null });
  },
];

// "remind me 30 minutes before [about X]" — for a task that exists; "remind me to X" adds one.
export const remindBeforeRule: Rule = [
  /^(?:remind me|add a reminder|set a reminder)\s+(?!to\s)(.*)$/i,
  async (match, context, lookup) => {
    const reminder =
      context.message.match(reminderPattern) ??
      context.message.match(
        /\b(\d+|an?|one|two|five|ten|fifteen|twenty|thirty)\s*(minutes?|mins?|hours?|hrs?|days?|weeks?)\s+(?:before|ahead|earlier)\b/i,
      );
    const offset = reminder ? durationOf(reminder[1]!, reminder[2]!) : undefined;
    if (!offset) return undefined;
    const about =
      context.message.match(/\b(?:about|for|of)\s+(.+?)(?:\s+\d+|\s+an?\s+|$)/i)?.[1] ??
      context.message.match(/before\s+(.+)$/i)?.[1] ??
      'it';
    const task = await target(about.replace(/\s+is\s+due$/i, ''), context, lookup, 'all');
    if ('reply' in task) return task;
    if (!task.due_at)
      return {
        reply: `“${task.title}” has no due date yet. When is it due?`,
        state: { ...context.state, focus: [task.id] },
      };
    return act(context, 'set_reminder', {
      task_id: task.id,
      reminders: [
        ...task.reminders.map((r) => (r.offset ? { offset: r.offset } : { at: r.at })),
        { offset: `-${offset}` },
      ],
    });
  },
];
