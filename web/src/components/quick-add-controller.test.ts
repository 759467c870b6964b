import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QuickAddPreview, QuickAddTask } from '../../../schemas/quick-add.ts';
import type { Task } from '../../../schemas/task.ts';
import { quickAddController } from './quick-add-controller.ts';

const readOf = (text: string): QuickAddPreview => ({
  task: {
    title: text,
    priority: 'medium',
    tags: [],
    due_at: null,
    reminders: [],
    recurrence: null,
  },
  preview: `preview of ${text}`,
  time_zone: 'UTC',
});

function setUp() {
  const parsed: string[] = [];
  const created: QuickAddTask[] = [];
  const shown: string[] = [];
  const answers = new Map<string, (read: QuickAddPreview) => void>();
  const controller = quickAddController({
    delayMs: 200,
    parse: (text) => {
      parsed.push(text);
      return new Promise((resolve) => answers.set(text, resolve));
    },
    create: async (task) => {
      created.push(task);
      return { title: task.title } as Task;
    },
    view: {
      preview: (read) => shown.push(read.preview),
      problem: (error) => shown.push(`problem: ${String(error)}`),
      idle: () => shown.push('idle'),
      added: (task) => shown.push(`added ${task.title}`),
    },
  });
  const answer = async (text: string) => {
    answers.get(text)!(readOf(text));
    await vi.advanceTimersByTimeAsync(0);
  };
  return { controller, parsed, created, shown, answer };
}

describe('the quick-add line', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks for a preview once typing pauses, not on every key', async () => {
    const { controller, parsed, shown, answer } = setUp();
    for (const text of ['p', 'pa', 'pay', 'pay rent']) {
      controller.input(text);
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(parsed).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(parsed).toEqual(['pay rent']);
    await answer('pay rent');
    expect(shown).toEqual(['preview of pay rent']);
  });

  it('drops the answer for text that has changed since', async () => {
    const { controller, shown, answer } = setUp();
    controller.input('pay');
    await vi.advanceTimersByTimeAsync(200);
    controller.input('pay rent');
    await vi.advanceTimersByTimeAsync(200);
    await answer('pay rent');
    await answer('pay');
    expect(shown).toEqual(['preview of pay rent']);
  });

  it('empties the preview when the line is emptied', async () => {
    const { controller, parsed, shown } = setUp();
    controller.input('pay');
    controller.input('   ');
    await vi.advanceTimersByTimeAsync(500);
    expect(parsed).toEqual([]);
    expect(shown).toEqual(['idle']);
  });

  it('creates on Enter what the preview of the text says, reusing its parse', async () => {
    const { controller, parsed, created, shown, answer } = setUp();
    controller.input('pay rent');
    await vi.advanceTimersByTimeAsync(200);
    await answer('pay rent');
    const submitted = controller.submit('pay rent');
    await vi.advanceTimersByTimeAsync(0);
    await submitted;
    expect(parsed).toEqual(['pay rent']);
    expect(created.map((task) => task.title)).toEqual(['pay rent']);
    expect(shown.at(-1)).toBe('added pay rent');
  });

  it('parses first when Enter comes before the preview, and creates once however often it is pressed', async () => {
    const { controller, parsed, created, answer } = setUp();
    controller.input('buy milk');
    const first = controller.submit('buy milk');
    const second = controller.submit('buy milk');
    await vi.advanceTimersByTimeAsync(0);
    expect(parsed).toEqual(['buy milk']);
    await answer('buy milk');
    await Promise.all([first, second]);
    expect(created).toHaveLength(1);
  });

  it('shows a refusal instead of creating', async () => {
    const shown: string[] = [];
    const create = vi.fn();
    const controller = quickAddController({
      parse: () => Promise.reject(new Error('the text names no task')),
      create,
      view: {
        preview: () => shown.push('preview'),
        problem: (error) => shown.push(`problem: ${(error as Error).message}`),
        idle: () => shown.push('idle'),
        added: () => shown.push('added'),
      },
    });
    await controller.submit('#home');
    expect(create).not.toHaveBeenCalled();
    expect(shown).toEqual(['problem: the text names no task']);
  });

  it('drops a refusal that lands after the line was cleared with Esc', async () => {
    const shown: string[] = [];
    let refuse: (error: Error) => void = () => {};
    const controller = quickAddController({
      parse: () => new Promise((_, reject) => (refuse = reject)),
      create: vi.fn(),
      view: {
        preview: () => shown.push('preview'),
        problem: (error) => shown.push(`problem: ${(error as Error).message}`),
        idle: () => shown.push('idle'),
        added: () => shown.push('added'),
      },
    });
    const submitted = controller.submit('#home');
    controller.input('');
    refuse(new Error('the text names no task'));
    await submitted;
    expect(shown).toEqual(['idle']);
  });
});
