import type { ChatContext, EngineTurn } from '../engine.ts';
import { formatWhen } from '../reply-format.ts';
import { readAddRequest } from './add-phrase.ts';
import { isBareTask, isVagueTitle } from './intent-words.ts';
import { parseTaskPhrase, taskFieldsOf } from './task-phrase.ts';
import { type Rule, act } from './task-turns.ts';
import { findWhen } from './when.ts';

/** A new task, asked for with a command word or written as a to-do ("buy milk"). */

/** A new task, asked for with a command word or written as a to-do ("buy milk"). */
export async function addTask(context: ChatContext): Promise<EngineTurn | undefined> {
  const request = readAddRequest(context.message);
  const when = findWhen(context.message, context.timeZone, context.now);
  if (!request && !isBareTask(context.message, when !== undefined)) return undefined;
  const sentence = request?.sentence ?? context.message;
  const phrase = parseTaskPhrase(sentence, context.timeZone, context.now);
  if (!phrase.title || isVagueTitle(phrase.title)) {
    const at = phrase.due_at ? ` ${formatWhen(phrase.due_at, context.timeZone, context.now)}` : '';
    return {
      reply: request?.remind
        ? `What should I remind you of${at}?`
        : `What should the task be called${at ? `, the one${at}` : ''}?`,
      state: context.state,
    };
  }
  const fields = taskFieldsOf(phrase, request?.remind ? 'remind me to' : sentence);
  return act(context, 'add_task', { ...fields });
}

// Everything that reads as a new task.
export const addRule: Rule = [/^.+$/, async (_match, context) => addTask(context)];
