import type { Reminder } from '../../../schemas/reminder.ts';
import { isClosed, type Task, type TaskPriority } from '../../../schemas/task.ts';
import type { ToolName } from '../../../schemas/tools.ts';
import type {
  ChatContext,
  ChatEngine,
  ConversationState,
  EngineTurn,
  ExecutedToolCall,
} from '../engine.ts';
import { Temporal } from '@js-temporal/polyfill';
import { describeRule } from '../../quick-add/describe-task.ts';
import { answerPending, type Pending } from '../confirmation.ts';
import { formatClockIn, formatTaskList, formatWhen } from '../reply-format.ts';
import { listTag, readAddRequest } from './add-phrase.ts';
import { dueRange, type DueRange } from './date-range.ts';
import { readRemoval } from './removal.ts';
import { isBareTask, isQuestion, isVagueTitle } from './intent-words.ts';
import { resolveReference } from './match.ts';
import { normalise } from './normalise.ts';
import { queryFilters } from './query-filters.ts';
import { HELP_REPLY } from './replies.ts';
import { durationOf, parseTaskPhrase, reminderPattern, taskFieldsOf } from './task-phrase.ts';
import { readTimeZoneRequest } from './time-zone-request.ts';
import { inverseOf } from './undo.ts';
import { findWhen } from './when.ts';

type TaskLookup = ChatContext['findTasks'];

const pronoun =
  /^(?:it|that|this|that one|this one|the last one|the task|that task|this task|the one i just added)$/i;

type Handler = (
  match: RegExpMatchArray,
  context: ChatContext,
  lookup: TaskLookup,
) => Promise<EngineTurn | undefined>;

const titleList = (tasks: readonly Task[]) => tasks.map((task) => `“${task.title}”`).join(', ');

/**
 * The built-in engine for when no language model is configured: patterns for the usual requests,
 * chrono for dates in the user's zone, fuzzy matching for "the milk task". It asks rather than
 * guesses: an unknown or ambiguous reference gets a question, several deletions a confirmation.
 */
export class OfflineChatEngine implements ChatEngine {
  readonly name = 'offline';

  async respond(context: ChatContext): Promise<EngineTurn> {
    // A plain yes or no answers a pending change; anything else drops it and is a new request.
    const answered = await answerPending(context, (pending) => this.confirm(context, pending));
    if ('turn' in answered) return answered.turn;
    context = { ...context, state: answered.state };
    const message = normalise(context.message).replace(/[.!]+$/, '');
    const lookup = context.findTasks;
    if (
      /^(?:undo|undo (?:that|it|the last (?:change|one))|revert(?: that)?|take that back)\??$/i.test(
        message,
      )
    )
      return this.undo(context);
    for (const [pattern, handler] of this.handlers) {
      const match = message.match(pattern);
      if (!match) continue;
      const turn = await handler(match, { ...context, message }, lookup);
      if (turn) return turn;
    }
    return { reply: unclearReply(message), state: context.state };
  }

  private async undo(context: ChatContext): Promise<EngineTurn> {
    const undo = context.state.undo;
    if (!undo || undo.length === 0)
      return { reply: 'There is nothing to undo in this conversation.', state: context.state };
    const calls: ExecutedToolCall[] = [];
    for (const step of undo) calls.push(await context.runTool(step.name, step.arguments));
    const failed = calls.find((call) => !call.ok);
    return {
      reply: failed ? `I could not undo all of it: ${failed.summary}` : 'Undone.',
      state: {
        ...context.state,
        undo: undefined,
        focus: calls.flatMap((c) => c.tasks.map((t) => t.id)),
      },
    };
  }

  private async confirm(context: ChatContext, pending: Pending): Promise<EngineTurn> {
    const outcomes = [];
    for (const args of pending.calls) outcomes.push(await this.run(context, pending.name, args));
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

  /** Runs one write, noting how to take it back. */
  private async run(context: ChatContext, name: ToolName, args: Record<string, unknown>) {
    const before =
      typeof args.task_id === 'string' ? await context.getTask(args.task_id) : undefined;
    const call = await context.runTool(name, args);
    const undo = call.ok ? inverseOf(name, args, before, call.tasks[0]) : undefined;
    return { call, undo };
  }

  /** Asks before a change to several tasks (or one not named by its title). */
  private confirmFirst(
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
  private async target(
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
    const candidates = [
      ...recent,
      ...listed.filter((task) => !recent.some((r) => r.id === task.id)),
    ];
    const resolved = resolveReference(cleaned, candidates);
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

  private async act(
    context: ChatContext,
    name: ToolName,
    args: Record<string, unknown>,
  ): Promise<EngineTurn> {
    const { call, undo } = await this.run(context, name, args);
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

  private readonly handlers: [RegExp, Handler][] = [
    // The account: "I'm in Tokyo this week", "change my time zone to Asia/Kolkata".
    [/^.+$/, async (_match, context) => this.timeZone(context)],
    // Bulk deletions ask first.
    [
      /^(?:delete|remove|clear|clean up)\s+(?:all\s+)?(?:of\s+)?(?:my\s+)?(completed|done|finished|all)\s+(?:tasks|todos)\b/i,
      async (match, context, lookup) => {
        const scope = match[1]!.toLowerCase() === 'all' ? 'all' : 'completed';
        const tasks = await lookup(scope);
        if (tasks.length === 0)
          return { reply: 'There is nothing to delete.', state: context.state };
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
    ],
    // Several tasks at once: always asked first.
    [
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
          const task = await this.target(reference, context, lookup, removing ? 'all' : 'open');
          if ('reply' in task) return task;
          tasks.push(task);
        }
        return removing
          ? this.confirmFirst(context, 'delete_task', 'Delete', tasks, (t) => ({ task_id: t.id }))
          : this.confirmFirst(context, 'complete_task', 'Complete', tasks, (t) => ({
              task_id: t.id,
            }));
      },
    ],
    [
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
        return this.confirmFirst(context, 'update_task', 'Move', tasks, (task) => ({
          task_id: task.id,
          due_at: shift(task.due_at!, { days }, context.timeZone),
        }));
      },
    ],
    // "snooze the dentist reminder for an hour", "snooze milk until tomorrow at 9".
    [
      /^(?:snooze|delay)\s+(?:the\s+)?(?:reminders?\s+(?:for|of|about)\s+)?(.+?)(?:'s)?(?:\s+reminders?)?(?:\s+(?:for|by)\s+(\d+|an?|one)\s+(minutes?|mins?|hours?|hrs?|days?|weeks?)|\s+(?:until|till|to)\s+(.+))?$/i,
      async (match, context, lookup) => {
        if (/^delay\b/i.test(context.message) && !/\breminders?\b/i.test(context.message))
          return undefined;
        const task = await this.target(match[1]!, context, lookup, 'open');
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
        return this.act(context, 'snooze_reminder', {
          task_id: task.id,
          reminder_id: reminder.id,
          ...(duration ? { for: duration } : { until: until!.instant }),
        });
      },
    ],
    [
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
        const task = await this.target(match[1]!, context, lookup, 'all');
        if ('reply' in task) return task;
        if (!task.due_at)
          return {
            reply: `“${task.title}” has no due date yet. When is it due?`,
            state: context.state,
          };
        return this.act(context, 'update_task', {
          task_id: task.id,
          due_at: shift(task.due_at, duration, context.timeZone),
        });
      },
    ],
    [
      /^(?:(?:mark|set|move|put)\s+(.+?)\s+(?:as\s+|to\s+|in\s+)?(?:in progress|in-progress|started|doing|ongoing)|i(?:'m| am)\s+(?:now\s+)?(?:working on|doing|starting(?: on)?|on)\s+(.+)|(?:start|begin)(?: working on)?\s+(.+))$/i,
      async (match, context, lookup) => {
        const task = await this.target(match[1] ?? match[2] ?? match[3]!, context, lookup);
        return 'reply' in task
          ? task
          : this.act(context, 'update_task', { task_id: task.id, status: 'in_progress' });
      },
    ],
    [
      /^(?:tag|label)\s+(.+?)\s+(?:with|as)\s+#?([\p{L}\p{N}_-]+(?:\s+and\s+#?[\p{L}\p{N}_-]+)*)$/iu,
      async (match, context, lookup) => {
        const task = await this.target(match[1]!, context, lookup, 'all');
        if ('reply' in task) return task;
        const added = match[2]!.split(/\s+and\s+/i).map((tag) => tag.replace(/^#/, ''));
        return this.act(context, 'update_task', {
          task_id: task.id,
          tags: [...new Set([...task.tags, ...added])],
        });
      },
    ],
    [
      /^(?:remove|delete|drop|take off|take)\s+the\s+#?([\p{L}\p{N}_-]+)\s+tag\s+(?:from|off|of)\s+(.+)$|^untag\s+(.+?)\s+#?([\p{L}\p{N}_-]+)$/iu,
      async (match, context, lookup) => {
        const tag = (match[1] ?? match[4]!).toLowerCase();
        const task = await this.target(match[2] ?? match[3]!, context, lookup, 'all');
        if ('reply' in task) return task;
        if (!task.tags.some((t) => t.toLowerCase() === tag))
          return { reply: `“${task.title}” has no tag “${tag}”.`, state: context.state };
        return this.act(context, 'update_task', {
          task_id: task.id,
          tags: task.tags.filter((t) => t.toLowerCase() !== tag),
        });
      },
    ],
    [
      /^(?:add|put|attach|write|leave)\s+(?:a\s+)?note\s+(?:to|on|for)\s+(.+?)\s*:\s*(.+)$/i,
      async (match, context, lookup) => {
        const task = await this.target(match[1]!, context, lookup, 'all');
        if ('reply' in task) return task;
        const note = match[2]!.trim();
        return this.act(context, 'update_task', {
          task_id: task.id,
          description: task.description ? `${task.description}\n${note}` : note,
        });
      },
    ],
    [
      /^(?:cancel|delete|remove)\s+(.+?)\s+and\s+(?:re)?schedule\s+(?:it\s+)?(?:for|to|on)\s+(.+)$/i,
      async (match, context, lookup) => this.reschedule(match[1]!, match[2]!, context, lookup),
    ],
    // Removing from a list or a calendar.
    [
      /^(?:(?:(?:open|find|go to|check)\s+.{0,30}?)?(?:remove|delete|cancel|drop|erase|clear|wipe|cross out|cross off|take|scratch)\s+.+|i (?:don't|do not) (?:want|need)\s+.+)$/i,
      async (_match, context, lookup) => this.remove(context, lookup),
    ],
    [
      /^(?:mark|set)\s+(.+?)\s+(?:as\s+)?(?:not done|undone|incomplete|open|pending|not finished)$/i,
      async (match, context, lookup) => {
        const task = await this.target(match[1]!, context, lookup, 'completed');
        return 'reply' in task ? task : this.act(context, 'reopen_task', { task_id: task.id });
      },
    ],
    [
      /^(?:reopen|re-open|uncomplete|unmark|undo)\s+(.+)$/i,
      async (match, context, lookup) => {
        const task = await this.target(match[1]!, context, lookup, 'completed');
        return 'reply' in task ? task : this.act(context, 'reopen_task', { task_id: task.id });
      },
    ],
    [
      /^(?:mark|set|tick|check)\s+(.+?)\s+(?:as\s+|off\s+as\s+)?(?:done|complete|completed|finished|off)$/i,
      async (match, context, lookup) => {
        const task = await this.target(match[1]!, context, lookup);
        return 'reply' in task ? task : this.act(context, 'complete_task', { task_id: task.id });
      },
    ],
    [
      /^(?:complete|finish|finished|done with|check off|tick off|close|i(?:'ve| have)? (?:finished|completed|done|did))\s+(.+)$/i,
      async (match, context, lookup) => {
        const task = await this.target(match[1]!, context, lookup);
        return 'reply' in task ? task : this.act(context, 'complete_task', { task_id: task.id });
      },
    ],
    [
      /^(.+?)\s+is\s+(?:done|finished|complete)$/i,
      async (match, context, lookup) => {
        const task = await this.target(match[1]!, context, lookup);
        return 'reply' in task ? task : this.act(context, 'complete_task', { task_id: task.id });
      },
    ],
    [
      /^(?:delete|remove|drop|trash|get rid of|cancel)\s+(.+)$/i,
      async (match, context, lookup) => {
        // "… and all future ones", "… (the) whole series": the series ends here.
        const name = match[1]!.replace(wholeSeries, '');
        const task = await this.target(name, context, lookup, 'all');
        if ('reply' in task) return task;
        return this.act(context, 'delete_task', {
          task_id: task.id,
          ...(name !== match[1] ? { scope: 'series' } : {}),
        });
      },
    ],
    [
      /^skip\s+(?:this\s+(?:time'?s?|one)\s+)?(.+?)(?:\s+(?:this|next)\s+(?:time|once|week|weekend|month|one)|\s+(?:today|tonight|tomorrow|once|for once|just this once))?$/i,
      async (match, context, lookup) => {
        const task = await this.target(match[1]!, context, lookup);
        return 'reply' in task ? task : this.act(context, 'skip_task', { task_id: task.id });
      },
    ],
    [
      /^(?:rename|retitle)\s+(.+?)\s+(?:to|as)\s+(.+)$/i,
      async (match, context, lookup) => {
        const task = await this.target(match[1]!, context, lookup, 'all');
        return 'reply' in task
          ? task
          : this.act(context, 'update_task', {
              task_id: task.id,
              title: match[2]!.replace(/^["“']|["”']$/g, ''),
            });
      },
    ],
    [
      /^(?:make|set|mark|change|bump|raise|lower)\s+(.+?)\s+(?:to\s+|as\s+)?(?:a\s+)?(low|medium|normal|high|urgent|top)(?:\s+priority)?(?:\s+and\s+tag\s+it\s+(?:with\s+|as\s+)?#?([\p{L}\p{N}_-]+))?$/iu,
      async (match, context, lookup) => {
        const task = await this.target(
          match[1]!
            .replace(/\s+(?:priority|the priority of)$/i, '')
            .replace(/^(?:the\s+)?priority\s+of\s+/i, ''),
          context,
          lookup,
          'all',
        );
        return 'reply' in task
          ? task
          : this.act(context, 'update_task', {
              task_id: task.id,
              priority: priorityWord(match[2]!),
              ...(match[3] ? { tags: [...new Set([...task.tags, match[3]])] } : {}),
            });
      },
    ],
    [
      /^(?:prioriti[sz]e)\s+(.+)$/i,
      async (match, context, lookup) => {
        const task = await this.target(match[1]!, context, lookup, 'all');
        return 'reply' in task
          ? task
          : this.act(context, 'update_task', { task_id: task.id, priority: 'high' });
      },
    ],
    [
      /^(?:move|reschedule|postpone|push|change the due date of|set the due date of|set due date of|set due date for)\s+(.+?)\s+(?:to|until|till|for|on|back to)\s+(.+)$/i,
      async (match, context, lookup) => this.reschedule(match[1]!, match[2]!, context, lookup),
    ],
    [
      /^(?:make|set)\s+(?!an?\s)(.+?)\s+(?:repeat|recur|recurring|repeating)\s+(.+)$/i,
      async (match, context, lookup) => this.recurrence(match[1]!, match[2]!, context, lookup),
    ],
    [
      /^(?:repeat)\s+(.+?)\s+((?:every|daily|weekly|monthly).+)$/i,
      async (match, context, lookup) => this.recurrence(match[1]!, match[2]!, context, lookup),
    ],
    [
      /^(?:stop repeating|don'?t repeat|make)\s+(.+?)(?:\s+(?:not repeat|one-off|non-recurring))?$/i,
      async (match, context, lookup) => {
        if (
          !/^stop repeating|^don'?t repeat|not repeat|one-off|non-recurring/i.test(context.message)
        )
          return undefined;
        const task = await this.target(match[1]!, context, lookup, 'all');
        return 'reply' in task
          ? task
          : this.act(context, 'set_recurrence', { task_id: task.id, recurrence: null });
      },
    ],
    // "remind me 30 minutes before [about X]" — for a task that exists; "remind me to X" adds one.
    [
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
        const task = await this.target(about.replace(/\s+is\s+due$/i, ''), context, lookup, 'all');
        if ('reply' in task) return task;
        if (!task.due_at)
          return {
            reply: `“${task.title}” has no due date yet. When is it due?`,
            state: { ...context.state, focus: [task.id] },
          };
        return this.act(context, 'set_reminder', {
          task_id: task.id,
          reminders: [
            ...task.reminders.map((r) => (r.offset ? { offset: r.offset } : { at: r.at })),
            { offset: `-${offset}` },
          ],
        });
      },
    ],
    // Lists and searches.
    [
      /^(?:search|find|look up|look for)\s+(?:for\s+)?(?:tasks?\s+)?(?:about\s+|with\s+|named\s+|called\s+)?["“]?(.+?)["”]?$/i,
      async (match, context) => this.list(context, { q: match[1]! }),
    ],
    [
      /^(?:what's next|what next|next|what should i do(?: next| now)?)\??$/i,
      async (_match, context) =>
        this.list(context, { status: ['pending', 'in_progress'], sort: 'due', limit: 5 }),
    ],
    [
      /^.+$/,
      async (_match, context) =>
        isQuestion(context.message)
          ? this.list(context, queryFilters(context.message, context.timeZone, context.now))
          : undefined,
    ],
    // Everything that reads as a new task.
    [/^.+$/, async (_match, context) => this.add(context)],
  ];

  private async timeZone(context: ChatContext): Promise<EngineTurn | undefined> {
    const request = readTimeZoneRequest(context.message);
    if (!request) return undefined;
    if (request.kind === 'unknown')
      return {
        reply: `Which time zone is “${request.place}” in? Tell me a city, or a zone name such as Asia/Tokyo.`,
        state: context.state,
      };
    if (request.kind === 'ask')
      return {
        reply: `Which time zone in ${request.place}: ${request.options.join(', ')}?`,
        state: context.state,
      };
    const clock = formatClockIn(request.zone, context.now);
    if (request.zone === context.timeZone)
      return {
        reply: `Your time zone is ${request.zone} already: it’s ${clock} there.`,
        state: context.state,
      };
    const call = await context.runTool('set_time_zone', { time_zone: request.zone });
    if (!call.ok) return { reply: `That didn’t work: ${call.summary}`, state: context.state };
    return {
      reply: `Your time zone is now ${request.zone}: it’s ${clock} there. Dates you say are read on that clock.`,
      state: {
        ...context.state,
        undo: [{ name: 'set_time_zone', arguments: { time_zone: context.timeZone } }],
      },
    };
  }

  private async reschedule(
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
    const task = await this.target(reference, context, lookup, 'all');
    return 'reply' in task
      ? task
      : this.act(context, 'update_task', { task_id: task.id, due_at: when.instant });
  }

  /**
   * "remove pepper from my grocery list", "cancel my meeting tomorrow", "clear my calendar for
   * today": the tasks named by title, list and day. One task named by its title goes at once;
   * several, or one found only by its day or position ("the next event"), are asked about first.
   */
  private async remove(context: ChatContext, lookup: TaskLookup): Promise<EngineTurn | undefined> {
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
    const byDue = [...candidates].sort((a, b) => (a.due_at ?? '~').localeCompare(b.due_at ?? '~'));
    const deleteAll = (tasks: readonly Task[]) =>
      tasks.length === 0
        ? {
            reply: removal.list
              ? `I can’t find anything on a “${removal.list}” list.`
              : 'I can’t find anything to remove there.',
            state: context.state,
          }
        : this.confirmFirst(context, 'delete_task', 'Delete', tasks, (t) => ({ task_id: t.id }));
    if (removal.all) return deleteAll(candidates);
    if (removal.next) {
      const next = byDue.find(
        (task) => task.due_at !== null && task.due_at >= context.now.toISOString(),
      );
      return deleteAll(next ? [next] : []);
    }
    if (isVagueTitle(removal.reference)) {
      if (pronoun.test(removal.reference.trim()) && context.state.focus.length > 0)
        return this.deleteOne(removal.reference, context, lookup);
      if (range && candidates.length > 0) return deleteAll(candidates);
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
    if (resolved.kind === 'one')
      return this.act(context, 'delete_task', { task_id: resolved.task.id });
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

  private async deleteOne(reference: string, context: ChatContext, lookup: TaskLookup) {
    const task = await this.target(reference, context, lookup, 'all');
    return 'reply' in task ? task : this.act(context, 'delete_task', { task_id: task.id });
  }

  private async recurrence(
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
    const task = await this.target(reference, context, lookup, 'all');
    if ('reply' in task) return task;
    if (!task.due_at) {
      const call = await context.runTool('update_task', {
        task_id: task.id,
        due_at: phrase.due_at,
      });
      if (!call.ok) return { reply: `That didn’t work: ${call.summary}`, state: context.state };
    }
    return this.act(context, 'set_recurrence', { task_id: task.id, recurrence: phrase.recurrence });
  }

  private async list(context: ChatContext, filters: Record<string, unknown>): Promise<EngineTurn> {
    const call = await context.runTool('list_tasks', { limit: 20, ...filters });
    if (!call.ok) return { reply: `That didn’t work: ${call.summary}`, state: context.state };
    const state: ConversationState = {
      ...context.state,
      focus: call.tasks.length === 1 ? [call.tasks[0]!.id] : context.state.focus,
    };
    const count = `${call.tasks.length} task${call.tasks.length === 1 ? '' : 's'}`;
    if (/^how many\b/i.test(context.message))
      return {
        reply: call.tasks.length === 0 ? 'You have no such tasks.' : `You have ${count}.`,
        state,
      };
    if (call.tasks.length === 0) return { reply: 'Nothing found.', state };
    return {
      reply: `${count}:\n${formatTaskList(call.tasks, context.timeZone, context.now)}`,
      state,
    };
  }

  /** A new task, asked for with a command word or written as a to-do ("buy milk"). */
  private async add(context: ChatContext): Promise<EngineTurn | undefined> {
    const request = readAddRequest(context.message);
    const when = findWhen(context.message, context.timeZone, context.now);
    if (!request && !isBareTask(context.message, when !== undefined)) return undefined;
    const sentence = request?.sentence ?? context.message;
    const phrase = parseTaskPhrase(sentence, context.timeZone, context.now);
    if (!phrase.title || isVagueTitle(phrase.title)) {
      const at = phrase.due_at
        ? ` ${formatWhen(phrase.due_at, context.timeZone, context.now)}`
        : '';
      return {
        reply: request?.remind
          ? `What should I remind you of${at}?`
          : `What should the task be called${at ? `, the one${at}` : ''}?`,
        state: context.state,
      };
    }
    const fields = taskFieldsOf(phrase, request?.remind ? 'remind me to' : sentence);
    return this.act(context, 'add_task', { ...fields });
  }
}

/** Whether an instant falls in a range of days. */
const dueIn = (instant: string, range: DueRange) =>
  instant >= range.due_from && instant < range.due_to;

/** An instant moved on the user's wall clock ("by 2 days" keeps the time across a DST change). */
const shift = (instant: string, by: Temporal.DurationLike, zone: string) =>
  Temporal.Instant.from(instant)
    .toZonedDateTimeISO(zone)
    .add(by)
    .toInstant()
    .toString({ smallestUnit: 'millisecond' });

const inScope = (task: Task, scope: 'open' | 'completed' | 'all') =>
  scope === 'all' || (scope === 'completed' ? task.status === 'completed' : !isClosed(task.status));

/**
 * The reminder a snooze means: the one that fired last (the one the person just saw), else the
 * next one to fire.
 */
function reminderToSnooze(task: Task, now: Date): Reminder | undefined {
  const fired = task.reminders
    .filter((r) => r.fired_at !== null)
    .sort((a, b) => b.fired_at!.localeCompare(a.fired_at!));
  if (fired[0]) return fired[0];
  return task.reminders
    .filter((r) => r.fire_at !== null && r.fire_at >= now.toISOString())
    .sort((a, b) => a.fire_at!.localeCompare(b.fire_at!))[0];
}

/** A delete that names the whole series rather than this occurrence. */
const wholeSeries =
  /\s*,?\s+(?:and\s+)?(?:all\s+(?:the\s+)?future\s+(?:ones|occurrences)|(?:for\s+)?(?:the\s+)?(?:whole|entire)\s+series)$/i;

function priorityWord(word: string): TaskPriority {
  const lower = word.toLowerCase();
  if (lower === 'normal') return 'medium';
  if (lower === 'top') return 'urgent';
  return lower as TaskPriority;
}

/** A reply to what was not understood: a question when the words show what kind of request it is. */
function unclearReply(message: string): string {
  if (/\b(?:remove|delete|cancel|clear|erase|drop)\b/i.test(message))
    return 'What should I remove? Tell me part of its title, or a day (“clear my calendar for Friday”).';
  if (/\b(?:remind|reminder|add|schedule|calendar|event|list|note)\b/i.test(message))
    return 'What should I add, and when? For example “remind me tomorrow at 9 to call the bank”.';
  return HELP_REPLY;
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
function outcomeText(call: ExecutedToolCall, context: ChatContext): string {
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
