import type { QuickAddPreview, QuickAddTask } from '../../../schemas/quick-add.ts';
import type { Task } from '../../../schemas/task.ts';

/** What the quick-add line shows; the DOM module draws it. */
export interface QuickAddView {
  /** The preview of what Enter would create. */
  preview(read: QuickAddPreview): void;
  /** A refusal (the text makes no task) or a failure, for the text as it is now. */
  problem(error: unknown): void;
  /** Nothing to show: the line is empty. */
  idle(): void;
  /** The task was created: the line starts over. */
  added(task: Task): void;
}

export interface QuickAddPorts {
  parse: (text: string) => Promise<QuickAddPreview>;
  create: (task: QuickAddTask) => Promise<Task>;
  view: QuickAddView;
  delayMs?: number;
}

/**
 * The quick-add line's behaviour, free of the DOM: previews while typing (debounced, the answer
 * for older text is dropped), and Enter creates exactly what the preview of the text as typed
 * says, reusing that parse when it is already asked for.
 */
export function quickAddController({ parse, create, view, delayMs = 250 }: QuickAddPorts) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  let last: { text: string; read: Promise<QuickAddPreview> } | undefined;
  let submitting = false;

  const read = (text: string) => {
    if (last?.text !== text) {
      last = { text, read: parse(text) };
      // A failed parse is not kept: the next keystroke or Enter asks again.
      const failed = last;
      failed.read.catch(() => {
        if (last === failed) last = undefined;
      });
    }
    return last.read;
  };

  return {
    input(value: string): void {
      clearTimeout(timer);
      const text = value.trim();
      const mine = ++generation;
      if (!text) return view.idle();
      timer = setTimeout(() => {
        read(text).then(
          (preview) => mine === generation && view.preview(preview),
          (error: unknown) => mine === generation && view.problem(error),
        );
      }, delayMs);
    },

    async submit(value: string): Promise<void> {
      const text = value.trim();
      if (!text || submitting) return;
      clearTimeout(timer);
      const mine = ++generation;
      submitting = true;
      try {
        const preview = await read(text);
        if (mine === generation) view.preview(preview);
        const task = await create(preview.task);
        last = undefined;
        view.added(task);
      } catch (error) {
        // A refusal that lands after the line was edited or cleared (Esc) is for text no longer
        // there; showing it would put back what the person just dismissed.
        if (mine === generation) view.problem(error);
      } finally {
        submitting = false;
      }
    },
  };
}
