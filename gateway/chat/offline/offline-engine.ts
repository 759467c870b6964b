import { isClosed, type Task, type TaskPriority } from '../../../schemas/task.ts';
import type { ToolName } from '../../../schemas/tools.ts';
import type {
  ChatContext,
  ChatEngine,
  ConversationState,
  EngineTurn,
  ExecutedToolCall,
} from '../engine.ts';
import { resolveReference } from './match.ts';
import { HELP_REPLY } from './replies.ts';
import { durationOf, parseTaskPhrase, reminderPattern, taskFieldsOf } from './task-phrase.ts';
import { findWhen } from './when.ts';

type TaskLookup = ChatContext['findTasks'];

const pronoun =
  /^(?:it|that|this|that one|this one|the last one|the task|that task|this task|the one i just added)$/i;
const yes = /^(?:yes|y|yeah|yep|sure|ok|okay|confirm|do it|go ahead|please do)\b/i;
const no = /^(?:no|n|nope|cancel|stop|don'?t|never ?mind)\b/i;

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
    const message = context.message.trim().replace(/\s+/g, ' ');
    const lookup = context.findTasks;
    if (context.state.pending) {
      if (yes.test(message)) return this.confirm(context);
      if (no.test(message))
        return {
          reply: 'Okay, I left everything as it was.',
          state: { ...context.state, pending: undefined },
        };
    }
    for (const [pattern, handler] of this.handlers) {
      const match = message.match(pattern);
      if (!match) continue;
      const turn = await handler(match, { ...context, message }, lookup);
      if (turn) return turn;
    }
    return { reply: HELP_REPLY, state: context.state };
  }

  private async confirm(context: ChatContext): Promise<EngineTurn> {
    const pending = context.state.pending!;
    const calls: ExecutedToolCall[] = [];
    for (const args of pending.calls) calls.push(await context.runTool(pending.name, args));
    const done = calls.filter((call) => call.ok);
    return {
      reply: `Done: ${done.map((call) => call.summary).join('; ') || 'nothing to do'}.`,
      state: {
        focus: done.flatMap((call) => call.tasks.map((task) => task.id)),
        pending: undefined,
      },
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
    const call = await context.runTool(name, args);
    if (!call.ok) return { reply: `That didn’t work: ${call.summary}`, state: context.state };
    return {
      reply: `${call.summary}.`,
      state: { ...context.state, focus: call.tasks.map((task) => task.id) },
    };
  }

  private readonly handlers: [RegExp, Handler][] = [
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
      /^skip\s+(?:this\s+(?:time'?s?|one)\s+)?(.+)$/i,
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
      /^(?:make|set|mark|change|bump|raise|lower)\s+(.+?)\s+(?:to\s+|as\s+)?(?:a\s+)?(low|medium|normal|high|urgent|top)(?:\s+priority)?$/i,
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
      async (match, context, lookup) => {
        const when = findWhen(match[2]!, context.timeZone, context.now);
        if (!when)
          return {
            reply: `When should “${match[1]}” be due? I didn’t understand “${match[2]}”.`,
            state: context.state,
          };
        const task = await this.target(match[1]!, context, lookup, 'all');
        return 'reply' in task
          ? task
          : this.act(context, 'update_task', { task_id: task.id, due_at: when.instant });
      },
    ],
    [
      /^(?:make|set)\s+(.+?)\s+(?:repeat|recur|recurring|repeating)\s+(.+)$/i,
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
      /\b(?:show|list|what|which|display|give me|see|view|anything|do i have|tell me)\b.*\b(?:tasks?|todos?|to-dos?|to do|due|overdue|list|plate|agenda|on for|left|pending|done|completed|today|tomorrow|this week)\b|^(?:my\s+)?(?:tasks|todos|agenda)\??$/i,
      async (_match, context) => this.list(context, listFilters(context)),
    ],
    // Everything that reads as a new task.
    [
      /^(?:please\s+)?(?:(?:can|could|would) you\s+)?(?:add|create|new|put|schedule|remind me to|i need to|i have to|i must|don'?t forget to|remember to|todo|task)\b/i,
      async (_match, context) => this.add(context),
    ],
  ];

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
    if (call.tasks.length === 0) return { reply: 'Nothing found.', state };
    const lines = call.tasks.map(
      (task) =>
        `• ${task.title}${task.priority === 'high' || task.priority === 'urgent' ? ` (${task.priority})` : ''}${task.due_at ? ` — due ${task.due_at.slice(0, 16).replace('T', ' ')} UTC` : ''}`,
    );
    return {
      reply: `${call.tasks.length} task${call.tasks.length === 1 ? '' : 's'}:\n${lines.join('\n')}`,
      state,
    };
  }

  private async add(context: ChatContext): Promise<EngineTurn> {
    const phrase = parseTaskPhrase(context.message, context.timeZone, context.now);
    if (!phrase.title) return { reply: 'What should the task be called?', state: context.state };
    return this.act(context, 'add_task', { ...taskFieldsOf(phrase, context.message) });
  }
}

const inScope = (task: Task, scope: 'open' | 'completed' | 'all') =>
  scope === 'all' || (scope === 'completed' ? task.status === 'completed' : !isClosed(task.status));

/** A delete that names the whole series rather than this occurrence. */
const wholeSeries =
  /\s*,?\s+(?:and\s+)?(?:all\s+(?:the\s+)?future\s+(?:ones|occurrences)|(?:for\s+)?(?:the\s+)?(?:whole|entire)\s+series)$/i;

function priorityWord(word: string): TaskPriority {
  const lower = word.toLowerCase();
  if (lower === 'normal') return 'medium';
  if (lower === 'top') return 'urgent';
  return lower as TaskPriority;
}

/** Filters a list request names: overdue, today, this week, priorities, tags, done. */
function listFilters(context: ChatContext): Record<string, unknown> {
  const text = context.message.toLowerCase();
  const filters: Record<string, unknown> = {};
  if (/\boverdue|late\b/.test(text)) filters.overdue = true;
  if (/\b(completed|done|finished)\b/.test(text)) filters.status = ['completed'];
  else filters.status = ['pending', 'in_progress'];
  const priorities = ['urgent', 'high', 'medium', 'low'].filter((p) =>
    new RegExp(`\\b${p}\\b`).test(text),
  );
  if (priorities.length > 0) filters.priority = priorities;
  const tags = [...context.message.matchAll(/#([\p{L}\p{N}_-]+)/gu)].map((m) => m[1]!);
  const tagged = context.message.match(/\b(?:tagged|with tag|labelled)\s+([\p{L}\p{N}_-]+)/iu)?.[1];
  if (tags.length > 0 || tagged) filters.tags = [...tags, ...(tagged ? [tagged] : [])];
  if (/\brecurring|repeating\b/.test(text)) filters.has_recurrence = true;
  const range = dueRange(text, context);
  if (range) Object.assign(filters, range);
  filters.sort = /\bpriority\b/.test(text) && !priorities.length ? 'priority' : 'due';
  if (filters.sort === 'priority') filters.order = 'desc';
  return filters;
}

function dueRange(
  text: string,
  context: ChatContext,
): { due_from?: string; due_to?: string } | undefined {
  const start = new Date(context.now);
  const dayStart = (offsetDays: number) => {
    const found = findWhen(
      offsetDays === 0 ? 'today at 00:00' : `in ${offsetDays} days at 00:00`,
      context.timeZone,
      context.now,
    );
    return found?.instant ?? new Date(start.getTime() + offsetDays * 86_400_000).toISOString();
  };
  if (/\btoday\b/.test(text)) return { due_from: dayStart(0), due_to: dayStart(1) };
  if (/\btomorrow\b/.test(text)) return { due_from: dayStart(1), due_to: dayStart(2) };
  if (/\bthis week\b|\bnext (?:7|seven) days\b/.test(text))
    return { due_from: dayStart(0), due_to: dayStart(7) };
  return undefined;
}
