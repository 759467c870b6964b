import type { ChatContext, ConversationState, EngineTurn } from '../engine.ts';
import { formatTaskList } from '../reply-format.ts';
import { isQuestion } from './intent-words.ts';
import { queryFilters } from './query-filters.ts';
import type { Rule } from './task-turns.ts';

/** Questions about the tasks: searches, "what's next?", lists by day, status, tag. */

export async function listTasks(
  context: ChatContext,
  filters: Record<string, unknown>,
): Promise<EngineTurn> {
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

// Lists and searches.
export const searchRule: Rule = [
  /^(?:search|find|look up|look for)\s+(?:for\s+)?(?:tasks?\s+)?(?:about\s+|with\s+|named\s+|called\s+)?["“]?(.+?)["”]?$/i,
  async (match, context) => listTasks(context, { q: match[1]! }),
];

export const nextRule: Rule = [
  /^(?:what's next|what next|next|what should i do(?: next| now)?)\??$/i,
  async (_match, context) =>
    listTasks(context, { status: ['pending', 'in_progress'], sort: 'due', limit: 5 }),
];

export const questionRule: Rule = [
  /^.+$/,
  async (_match, context) =>
    isQuestion(context.message)
      ? listTasks(context, queryFilters(context.message, context.timeZone, context.now))
      : undefined,
];
