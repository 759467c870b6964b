import type { ToolName } from '../../schemas/tools.ts';
import { taskTools } from '../tools/task-tools.ts';
import type { ChatContext, ConversationState, EngineTurn, ExecutedToolCall } from './engine.ts';

/**
 * Server-side confirmation of bulk changes, whatever proposed them. The policy:
 *
 * - A chat turn may change one existing task without asking. A change is a call of a tool the
 *   tool table marks destructive (update, complete, reopen, delete, skip, reminders, repetition,
 *   snooze); adding and reading never need confirmation.
 * - Changes that would touch a second task in the same turn are not run: they are stored in the
 *   conversation (`ConversationState.pending`) and the reply is a question naming the tasks.
 * - The next message runs them only when it is a plain yes ("yes", "ok", "go ahead", "yes
 *   please"); a no drops them with a short answer; anything else drops them too and is answered
 *   as a new request.
 */

const yesWord = '(?:yes|y|yeah|yep|yup|sure|ok|okay|confirm(?:ed)?|do it|go ahead|please do)';
const yes = new RegExp(
  `^${yesWord}(?:[\\s,]+(?:please|do it|go ahead|thanks|thank you|${yesWord}))*[\\s.!]*$`,
  'i',
);
const no =
  /^(?:no|n|nope|nah|cancel|stop|don'?t|do not|never ?mind|leave (?:it|them)|keep (?:it|them))(?:[\s,]+(?:thanks|thank you|please|don'?t|keep (?:it|them)|leave (?:it|them)))*[\s.!]*$/i;

/** A plain yes, nothing more: "yes but only the milk" is not one. */
export const isConfirmation = (message: string): boolean => yes.test(message.trim());
export const isRefusal = (message: string): boolean => no.test(message.trim());

export type Pending = NonNullable<ConversationState['pending']>;

/** A tool call the model asked for, with arguments that parsed as a JSON object. */
export interface ProposedCall {
  name: ToolName;
  arguments: Record<string, unknown>;
}

/** Tools without a single `task_id` that change data act on many tasks at once. */
const bulkTarget = Symbol('bulk');
const targetOf = (call: ProposedCall): string | typeof bulkTarget =>
  typeof call.arguments.task_id === 'string' ? call.arguments.task_id : bulkTarget;

export const changesData = (name: ToolName): boolean => taskTools[name].destructive;

/**
 * Tracks the tasks one turn has changed and decides which proposed calls may run now. A round of
 * calls is screened as a whole, so "delete milk and bread" in one round holds both deletions
 * rather than running the first.
 */
export class BulkChangeGuard {
  private readonly changed = new Set<string | typeof bulkTarget>();

  /** The calls of this round that must wait for a yes; empty when all may run. */
  screen(calls: readonly ProposedCall[]): ProposedCall[] {
    const changes = calls.filter((call) => changesData(call.name));
    const targets = new Set([...this.changed, ...changes.map(targetOf)]);
    const bulk = targets.has(bulkTarget) || targets.size > 1;
    return bulk ? changes : [];
  }

  /** Counts a change that ran; failed calls changed nothing. */
  record(call: ExecutedToolCall): void {
    if (call.ok && changesData(call.name)) this.changed.add(targetOf(call));
  }
}

const verbs: Record<ToolName, string> = {
  add_task: 'Add',
  list_tasks: 'List',
  get_task: 'Show',
  update_task: 'Change',
  complete_task: 'Complete',
  reopen_task: 'Reopen',
  delete_task: 'Delete',
  skip_task: 'Skip this occurrence of',
  set_reminder: 'Set the reminders of',
  set_recurrence: 'Change the repetition of',
  snooze_reminder: 'Snooze a reminder of',
  set_time_zone: 'Change the time zone for',
};

/**
 * The pending change and its question, or undefined when the held calls are of different kinds:
 * the conversation keeps one kind of change per confirmation.
 */
export async function pendingFor(
  held: readonly ProposedCall[],
  context: Pick<ChatContext, 'getTask'>,
): Promise<Pending | undefined> {
  const name = held[0]!.name;
  if (held.some((call) => call.name !== name)) return undefined;
  const titles = await Promise.all(
    held.map(async (call) => {
      const id = call.arguments.task_id;
      const task = typeof id === 'string' ? await context.getTask(id) : undefined;
      return task ? `“${task.title}”` : 'a task I could not find';
    }),
  );
  const fields = [
    ...new Set(
      held.flatMap((call) =>
        Object.keys(call.arguments).filter((key) => !['task_id', 'scope'].includes(key)),
      ),
    ),
  ];
  const what = name === 'update_task' && fields.length > 0 ? ` (${fields.join(', ')})` : '';
  const count = held.length === 1 ? 'task' : `${held.length} tasks`;
  return {
    name,
    calls: held.map((call) => call.arguments),
    question: `${verbs[name]} ${count}${what}: ${titles.join(', ')}? Say yes to go ahead; anything else leaves them as they are.`,
  };
}

/** The reply when the held changes are of several kinds. */
export const mixedChangesReply =
  'That would change several tasks in different ways at once. Please ask for one kind of change at a time (for example, first the deletions, then the completions), and I will confirm it with you.';

/**
 * Answers a conversation that has a pending change: runs it on a plain yes (by `carryOut`, so an
 * engine can word the outcome and keep its own undo), drops it on a no. Anything else drops it
 * too and returns the state to answer the message from as a new request.
 */
export async function answerPending(
  context: ChatContext,
  carryOut: (pending: Pending) => Promise<EngineTurn> = (pending) => runPending(context, pending),
): Promise<{ turn: EngineTurn } | { state: ConversationState }> {
  const pending = context.state.pending;
  if (!pending) return { state: context.state };
  const state: ConversationState = { focus: context.state.focus };
  if (isRefusal(context.message))
    return { turn: { reply: 'Okay, I left everything as it was.', state } };
  if (!isConfirmation(context.message)) return { state };
  return { turn: await carryOut(pending) };
}

/** Runs the held calls and says what came of them. */
async function runPending(context: ChatContext, pending: Pending): Promise<EngineTurn> {
  const calls: ExecutedToolCall[] = [];
  for (const args of pending.calls) calls.push(await context.runTool(pending.name, args));
  const done = calls.filter((call) => call.ok);
  const failed = calls.filter((call) => !call.ok);
  const reply = [
    done.length > 0 ? `Done: ${done.map((call) => call.summary).join('; ')}.` : '',
    failed.length > 0
      ? `${done.length > 0 ? 'But ' : ''}${failed.length === calls.length ? 'Nothing was changed' : `${failed.length} could not be done`}: ${failed.map((call) => call.summary).join('; ')}.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    reply,
    state: { focus: done.flatMap((call) => call.tasks.map((task) => task.id)).slice(-5) },
  };
}
