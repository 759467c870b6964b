import { describe, expect, it } from 'vitest';
import { BulkChangeGuard, isConfirmation, isRefusal } from './confirmation.ts';

describe('confirming a held change', () => {
  it.each(['yes', 'Yes.', 'ok', 'yes please', 'Yes, do it!', 'go ahead', 'yep thanks'])(
    '“%s” is a yes',
    (message) => expect(isConfirmation(message)).toBe(true),
  );
  it.each(['yes but only the milk', 'ok google add bread', 'no', 'sure, and add eggs', ''])(
    '“%s” is not a plain yes',
    (message) => expect(isConfirmation(message)).toBe(false),
  );
  it.each(['no', 'No, keep them', 'cancel', 'never mind', "don't"])('“%s” is a no', (message) =>
    expect(isRefusal(message)).toBe(true),
  );
  it('“no, delete only the milk” is a new request, not a no', () =>
    expect(isRefusal('no, delete only the milk')).toBe(false));
});

describe('the bulk-change guard', () => {
  const call = (
    name: 'delete_task' | 'update_task' | 'list_tasks' | 'add_task',
    task_id?: string,
  ) => ({
    name,
    arguments: task_id ? { task_id } : { title: 'x' },
  });

  it('lets reads, additions and changes to one task through', () => {
    const guard = new BulkChangeGuard();
    expect(
      guard.screen([
        call('list_tasks'),
        call('add_task'),
        call('add_task'),
        call('delete_task', 'a'),
      ]),
    ).toEqual([]);
    guard.record({ ...call('delete_task', 'a'), ok: true, summary: '', tasks: [] });
    expect(guard.screen([call('update_task', 'a')])).toEqual([]);
  });

  it('holds every change of a round that touches a second task, and only the changes', () => {
    const guard = new BulkChangeGuard();
    const round = [call('list_tasks'), call('delete_task', 'a'), call('delete_task', 'b')];
    expect(guard.screen(round)).toEqual([round[1], round[2]]);
  });

  it('counts a change that ran earlier in the turn, but not one that failed', () => {
    const guard = new BulkChangeGuard();
    guard.record({ ...call('delete_task', 'a'), ok: false, summary: 'not found', tasks: [] });
    expect(guard.screen([call('delete_task', 'b')])).toEqual([]);
    guard.record({ ...call('delete_task', 'b'), ok: true, summary: '', tasks: [] });
    expect(guard.screen([call('update_task', 'c')])).toHaveLength(1);
  });
});
