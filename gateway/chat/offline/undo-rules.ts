import type { ChatContext, EngineTurn, ExecutedToolCall } from '../engine.ts';

/** "undo": the calls that take the conversation's last change back, run. */

/** "undo", "undo that", "take that back". */
export const isUndo = (message: string): boolean =>
  /^(?:undo|undo (?:that|it|the last (?:change|one))|revert(?: that)?|take that back)\??$/i.test(
    message,
  );

export async function undoLast(context: ChatContext): Promise<EngineTurn> {
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
