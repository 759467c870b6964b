import { answerPending } from '../confirmation.ts';
import type { ChatContext, ChatEngine, EngineTurn } from '../engine.ts';
import { timeZoneRule } from './account-rules.ts';
import { addRule } from './add-rules.ts';
import { searchRule, nextRule, questionRule } from './ask-rules.ts';
import {
  moveEverythingRule,
  snoozeRule,
  postponeRule,
  statusRule,
  tagRule,
  untagRule,
  noteRule,
  cancelAndRescheduleRule,
  skipRule,
  renameRule,
  priorityRule,
  prioritiseRule,
  rescheduleRule,
  makeRepeatRule,
  repeatRule,
  stopRepeatingRule,
  remindBeforeRule,
} from './change-rules.ts';
import { normalise } from './normalise.ts';
import {
  bulkDeleteRule,
  severalAtOnceRule,
  removalRule,
  markOpenRule,
  reopenRule,
  markDoneRule,
  completeRule,
  isDoneRule,
  deleteRule,
} from './remove-rules.ts';
import { HELP_REPLY } from './replies.ts';
import { type Rule, confirmPending } from './task-turns.ts';
import { isUndo, undoLast } from './undo-rules.ts';

/** The rules in the order they are tried: the first that answers wins. */
const rules: Rule[] = [
  timeZoneRule,
  bulkDeleteRule,
  severalAtOnceRule,
  moveEverythingRule,
  snoozeRule,
  postponeRule,
  statusRule,
  tagRule,
  untagRule,
  noteRule,
  cancelAndRescheduleRule,
  removalRule,
  markOpenRule,
  reopenRule,
  markDoneRule,
  completeRule,
  isDoneRule,
  deleteRule,
  skipRule,
  renameRule,
  priorityRule,
  prioritiseRule,
  rescheduleRule,
  makeRepeatRule,
  repeatRule,
  stopRepeatingRule,
  remindBeforeRule,
  searchRule,
  nextRule,
  questionRule,
  addRule,
];

/**
 * The built-in engine for when no language model is configured: patterns for the usual requests,
 * chrono for dates in the user's zone, fuzzy matching for "the milk task". It asks rather than
 * guesses: an unknown or ambiguous reference gets a question, several deletions a confirmation.
 */
export class OfflineChatEngine implements ChatEngine {
  readonly name = 'offline';

  async respond(context: ChatContext): Promise<EngineTurn> {
    // A plain yes or no answers a pending change; anything else drops it and is a new request.
    const answered = await answerPending(context, (pending) => confirmPending(context, pending));
    if ('turn' in answered) return answered.turn;
    context = { ...context, state: answered.state };
    const message = normalise(context.message).replace(/[.!]+$/, '');
    if (isUndo(message)) return undoLast(context);
    for (const [pattern, handler] of rules) {
      const match = message.match(pattern);
      if (!match) continue;
      const turn = await handler(match, { ...context, message }, context.findTasks);
      if (turn) return turn;
    }
    return { reply: unclearReply(message), state: context.state };
  }
}

/** A reply to what was not understood: a question when the words show what kind of request it is. */
function unclearReply(message: string): string {
  if (/\b(?:remove|delete|cancel|clear|erase|drop)\b/i.test(message))
    return 'What should I remove? Tell me part of its title, or a day (“clear my calendar for Friday”).';
  if (/\b(?:remind|reminder|add|schedule|calendar|event|list|note)\b/i.test(message))
    return 'What should I add, and when? For example “remind me tomorrow at 9 to call the bank”.';
  return HELP_REPLY;
}
