import type { QuickAddPreview, QuickAddTask } from '../../../schemas/quick-add.ts';
import type { Task } from '../../../schemas/task.ts';
import { api, ApiProblem } from '../core/api.ts';
import { h } from '../core/dom.ts';
import { quickAddController } from './quick-add-controller.ts';

const message = (error: unknown) =>
  error instanceof ApiProblem ? error.message : 'Could not reach the server; try again.';

/**
 * The quick-add line at the top of the task list: a sentence in, a preview of the task it makes
 * (POST /tasks/parse, the chat's parser) under it, Enter creates that task (POST /tasks).
 */
export function renderQuickAdd(onAdded: (task: Task) => void): HTMLElement {
  const input = h('input', {
    id: 'quick-add',
    type: 'text',
    autocomplete: 'off',
    maxlength: 500,
    placeholder: 'pay rent on the 1st of every month at 9am #home !high',
    'aria-describedby': 'quick-add-preview quick-add-hint',
  });
  const preview = h('p', {
    id: 'quick-add-preview',
    class: 'quick-add-preview',
    'aria-live': 'polite',
  });
  const hint = h(
    'p',
    { id: 'quick-add-hint', class: 'quick-add-hint' },
    'Enter or Add creates it; Esc clears.',
  );
  const show = (text: string, kind: 'preview' | 'problem' | 'added' | 'idle') => {
    preview.textContent = text;
    preview.dataset.kind = kind;
    input.setAttribute('aria-invalid', kind === 'problem' ? 'true' : 'false');
  };
  const controller = quickAddController({
    parse: (text) => api<QuickAddPreview>('POST', '/tasks/parse', { text }),
    create: (task: QuickAddTask) => api<Task>('POST', '/tasks', task),
    view: {
      preview: (read) => show(`Will add: ${read.preview}`, 'preview'),
      problem: (error) => show(message(error), 'problem'),
      idle: () => show('', 'idle'),
      added: (task) => {
        input.value = '';
        controller.input('');
        show(`Added “${task.title}”.`, 'added');
        onAdded(task);
      },
    },
  });
  input.addEventListener('input', () => controller.input(input.value));
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    input.value = '';
    controller.input('');
  });
  const form = h(
    'form',
    { class: 'quick-add' },
    h('label', { for: 'quick-add' }, 'Quick add'),
    h('div', { class: 'quick-add-line' }, input, h('button', { type: 'submit' }, 'Add')),
    preview,
    hint,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void controller.submit(input.value);
  });
  return form;
}
