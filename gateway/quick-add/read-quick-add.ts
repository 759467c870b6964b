import { quickAddTaskSchema, type QuickAddPreview } from '../../schemas/quick-add.ts';
import { parseTaskPhrase, taskFieldsOf } from '../chat/offline/task-phrase.ts';
import { problem } from '../errors.ts';
import { zodFields } from '../middleware/problem.ts';
import { describeTask } from './describe-task.ts';

/**
 * Reads one typed line into the task it asks for, with the offline chat's parser, in the user's
 * zone. What the parser cannot make a valid task of is refused (422), never guessed at.
 */
export function readQuickAdd(text: string, timeZone: string, now: Date): QuickAddPreview {
  const phrase = parseTaskPhrase(text, timeZone, now);
  // Punctuation alone ("?!") is no more a title than nothing.
  if (!/[\p{L}\p{N}]/u.test(phrase.title))
    throw problem.quick_add_no_title(
      'the text names no task: say what it is, e.g. "pay rent on the 1st of every month #home"',
      [{ path: 'text', message: 'nothing is left for a title' }],
    );
  const task = quickAddTaskSchema.safeParse(taskFieldsOf(phrase, text));
  if (!task.success)
    throw problem.quick_add_invalid_task(
      'the text does not make a valid task',
      zodFields(task.error),
    );
  return { task: task.data, preview: describeTask(task.data, timeZone, now), time_zone: timeZone };
}
