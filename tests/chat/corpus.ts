import type { ToolName } from '../../schemas/tools.ts';

/**
 * Utterances with the tool call the offline engine should make. Now is Thursday
 * 2026-11-26 11:00 in Europe/Berlin. `task: 'Title'` stands for that task's id;
 * `due_local` is the due time on the Berlin wall clock.
 */
export interface SeedTask {
  title: string;
  completed?: boolean;
  due_at?: string;
  /** Repeats daily from due_at. */
  daily?: boolean;
  tags?: string[];
}

export type Expected = { tool: ToolName; args?: Record<string, unknown> } | { question: true };

export interface CorpusCase {
  say: string;
  before?: string[];
  tasks?: SeedTask[];
  expect: Expected;
}

export const home: SeedTask[] = [
  { title: 'Buy milk', due_at: '2026-11-27T16:00:00Z' },
  { title: 'Call the dentist' },
  { title: 'Quarterly report', due_at: '2026-11-20T16:00:00Z' },
  { title: 'Water the plants' },
  { title: 'Pay electricity bill', completed: true },
];

/** The development part: the engine is tuned on these. */
export const development: CorpusCase[] = [
  // Adding, with dates, priorities, tags, reminders and recurrence.
  { say: 'add buy bread', expect: { tool: 'add_task', args: { title: 'Buy bread' } } },
  {
    say: 'Add "Book flights" for tomorrow',
    expect: { tool: 'add_task', args: { title: '"Book flights"', due_local: '2026-11-27T09:00' } },
  },
  {
    say: 'add buy milk tomorrow at 5pm',
    expect: { tool: 'add_task', args: { title: 'Buy milk', due_local: '2026-11-27T17:00' } },
  },
  {
    say: 'create a task to call mom on friday at 6pm',
    expect: { tool: 'add_task', args: { title: 'Call mom', due_local: '2026-11-27T18:00' } },
  },
  {
    say: 'new task: finish the slides by monday 9am #work',
    expect: {
      tool: 'add_task',
      args: { title: 'Finish the slides', tags: ['work'], due_local: '2026-11-30T09:00' },
    },
  },
  {
    say: 'add fix the login bug, urgent #work #backend',
    expect: {
      tool: 'add_task',
      args: { title: 'Fix the login bug', priority: 'urgent', tags: ['work', 'backend'] },
    },
  },
  {
    say: 'add high priority review the contract',
    expect: { tool: 'add_task', args: { title: 'Review the contract', priority: 'high' } },
  },
  {
    say: 'add read a novel low priority',
    expect: { tool: 'add_task', args: { title: 'Read a novel', priority: 'low' } },
  },
  {
    say: 'remind me to take out the trash tonight at 8pm',
    expect: {
      tool: 'add_task',
      args: {
        title: 'Take out the trash',
        due_local: '2026-11-26T20:00',
        reminders: [{ offset: 'PT0S' }],
      },
    },
  },
  {
    say: 'I need to renew my passport by march 30',
    expect: {
      tool: 'add_task',
      args: { title: 'Renew my passport', due_local: '2027-03-30T09:00' },
    },
  },
  {
    say: "don't forget to send the invoice next tuesday",
    expect: {
      tool: 'add_task',
      args: { title: 'Send the invoice', due_local: '2026-12-01T09:00' },
    },
  },
  {
    say: 'add dentist appointment on december 3 at 10:30',
    expect: {
      tool: 'add_task',
      args: { title: 'Dentist appointment', due_local: '2026-12-03T10:30' },
    },
  },
  {
    say: 'add submit timesheet in 2 hours',
    expect: {
      tool: 'add_task',
      args: { title: 'Submit timesheet', due_local: '2026-11-26T13:00' },
    },
  },
  {
    say: 'add team standup every monday at 9am',
    expect: {
      tool: 'add_task',
      args: {
        title: 'Team standup',
        due_local: '2026-11-30T09:00',
        recurrence: { frequency: 'weekly', interval: 1, days_of_week: [1], repeat_from: 'due' },
      },
    },
  },
  {
    say: 'add water the plants every 3 days',
    expect: {
      tool: 'add_task',
      args: {
        title: 'Water the plants',
        recurrence: { frequency: 'daily', interval: 3, repeat_from: 'due' },
      },
    },
  },
  {
    say: 'add take vitamins daily at 8am',
    expect: {
      tool: 'add_task',
      args: {
        title: 'Take vitamins',
        due_local: '2026-11-27T08:00',
        recurrence: { frequency: 'daily', interval: 1, repeat_from: 'due' },
      },
    },
  },
  {
    say: 'add pay rent monthly on the 1st #home',
    expect: {
      tool: 'add_task',
      args: {
        title: 'Pay rent',
        tags: ['home'],
        due_local: '2026-12-01T09:00',
        recurrence: { frequency: 'monthly', interval: 1, day_of_month: 1, repeat_from: 'due' },
      },
    },
  },
  {
    say: 'add gym every tuesday and thursday at 7pm',
    expect: {
      tool: 'add_task',
      args: {
        title: 'Gym',
        due_local: '2026-11-26T19:00',
        recurrence: { frequency: 'weekly', days_of_week: [2, 4] },
      },
    },
  },
  {
    say: 'add clean the car every other saturday',
    expect: {
      tool: 'add_task',
      args: {
        title: 'Clean the car',
        due_local: '2026-11-28T09:00',
        recurrence: { frequency: 'weekly', interval: 2, days_of_week: [6] },
      },
    },
  },
  {
    say: 'add check the backups every weekday at 8:30am',
    expect: {
      tool: 'add_task',
      args: {
        title: 'Check the backups',
        due_local: '2026-11-27T08:30',
        recurrence: { frequency: 'weekly', days_of_week: [1, 2, 3, 4, 5] },
      },
    },
  },
  {
    say: 'add review budget every 2 weeks',
    expect: {
      tool: 'add_task',
      args: { title: 'Review budget', recurrence: { frequency: 'weekly', interval: 2 } },
    },
  },
  {
    say: 'add Team standup every Monday at 9am with priority high tagged work and meeting, remind me 1 hour before',
    expect: {
      tool: 'add_task',
      args: {
        title: 'Team standup',
        priority: 'high',
        tags: ['work', 'meeting'],
        reminders: [{ offset: '-PT1H' }],
        due_local: '2026-11-30T09:00',
      },
    },
  },
  {
    say: 'add call the bank tomorrow at 10am and remind me 30 minutes before',
    expect: {
      tool: 'add_task',
      args: {
        title: 'Call the bank',
        due_local: '2026-11-27T10:00',
        reminders: [{ offset: '-PT30M' }],
      },
    },
  },
  {
    say: 'add submit the report friday 5pm, remind me 2 hours before',
    expect: {
      tool: 'add_task',
      args: {
        title: 'Submit the report',
        due_local: '2026-11-27T17:00',
        reminders: [{ offset: '-PT2H' }],
      },
    },
  },
  {
    say: 'please add order new glasses',
    expect: { tool: 'add_task', args: { title: 'Order new glasses' } },
  },
  {
    say: 'can you add plan the party #family',
    expect: { tool: 'add_task', args: { title: 'Plan the party', tags: ['family'] } },
  },
  {
    say: 'todo: defrost the freezer',
    expect: { tool: 'add_task', args: { title: 'Defrost the freezer' } },
  },

  // Listing and searching.
  {
    say: 'show my tasks',
    tasks: home,
    expect: { tool: 'list_tasks', args: { status: ['pending', 'in_progress'] } },
  },
  { say: 'what do I have to do today?', tasks: home, expect: { tool: 'list_tasks' } },
  { say: "what's overdue?", tasks: home, expect: { tool: 'list_tasks', args: { overdue: true } } },
  {
    say: 'list my high priority tasks',
    tasks: home,
    expect: { tool: 'list_tasks', args: { priority: ['high'] } },
  },
  {
    say: 'show urgent and high tasks',
    tasks: home,
    expect: { tool: 'list_tasks', args: { priority: ['urgent', 'high'] } },
  },
  {
    say: 'which tasks are tagged work?',
    tasks: home,
    expect: { tool: 'list_tasks', args: { tags: ['work'] } },
  },
  {
    say: 'show tasks #home',
    tasks: home,
    expect: { tool: 'list_tasks', args: { tags: ['home'] } },
  },
  {
    say: 'what have I completed?',
    tasks: home,
    expect: { tool: 'list_tasks', args: { status: ['completed'] } },
  },
  { say: 'search for report', tasks: home, expect: { tool: 'list_tasks', args: { q: 'report' } } },
  { say: 'find dentist', tasks: home, expect: { tool: 'list_tasks', args: { q: 'dentist' } } },
  { say: 'what is due this week?', tasks: home, expect: { tool: 'list_tasks' } },
  {
    say: 'show my recurring tasks',
    tasks: home,
    expect: { tool: 'list_tasks', args: { has_recurrence: true } },
  },
  { say: 'tasks', tasks: home, expect: { tool: 'list_tasks' } },

  // Completing, with fuzzy references.
  {
    say: 'mark the milk task done',
    tasks: home,
    expect: { tool: 'complete_task', args: { task: 'Buy milk' } },
  },
  {
    say: 'mark buy milk as complete',
    tasks: home,
    expect: { tool: 'complete_task', args: { task: 'Buy milk' } },
  },
  {
    say: 'complete the quarterly report',
    tasks: home,
    expect: { tool: 'complete_task', args: { task: 'Quarterly report' } },
  },
  {
    say: 'I finished watering the plants',
    tasks: home,
    expect: { tool: 'complete_task', args: { task: 'Water the plants' } },
  },
  {
    say: 'done with dentist',
    tasks: home,
    expect: { tool: 'complete_task', args: { task: 'Call the dentist' } },
  },
  {
    say: 'the report is done',
    tasks: home,
    expect: { tool: 'complete_task', args: { task: 'Quarterly report' } },
  },
  {
    say: 'tick off quartely reprot',
    tasks: home,
    expect: { tool: 'complete_task', args: { task: 'Quarterly report' } },
  },
  {
    say: 'mark it done',
    before: ['add renew car insurance'],
    expect: { tool: 'complete_task', args: { task: 'Renew car insurance' } },
  },
  { say: 'complete the gym task', tasks: home, expect: { question: true } },
  {
    say: 'mark call done',
    tasks: [{ title: 'Call mom' }, { title: 'Call dad' }],
    expect: { question: true },
  },

  // Reopening.
  {
    say: 'reopen the electricity bill',
    tasks: home,
    expect: { tool: 'reopen_task', args: { task: 'Pay electricity bill' } },
  },
  {
    say: 'mark pay electricity bill as not done',
    tasks: home,
    expect: { tool: 'reopen_task', args: { task: 'Pay electricity bill' } },
  },

  // Deleting, and bulk deletion asks first.
  {
    say: 'delete water the plants',
    tasks: home,
    expect: { tool: 'delete_task', args: { task: 'Water the plants' } },
  },
  {
    say: 'remove the dentist task',
    tasks: home,
    expect: { tool: 'delete_task', args: { task: 'Call the dentist' } },
  },
  { say: 'delete all completed tasks', tasks: home, expect: { question: true } },
  {
    say: 'delete stretching and all future ones',
    tasks: [...home, { title: 'Stretching', due_at: '2026-11-27T07:00:00Z', daily: true }],
    expect: { tool: 'delete_task', args: { task: 'Stretching', scope: 'series' } },
  },
  {
    say: 'skip stretching',
    tasks: [...home, { title: 'Stretching', due_at: '2026-11-27T07:00:00Z', daily: true }],
    expect: { tool: 'skip_task', args: { task: 'Stretching' } },
  },
  {
    say: 'yes',
    before: ['delete all completed tasks'],
    tasks: home,
    expect: { tool: 'delete_task', args: { task: 'Pay electricity bill' } },
  },

  // Changing.
  {
    say: 'make it high priority',
    before: ['add prepare the demo'],
    expect: { tool: 'update_task', args: { task: 'Prepare the demo', priority: 'high' } },
  },
  {
    say: 'make the dentist task urgent',
    tasks: home,
    expect: { tool: 'update_task', args: { task: 'Call the dentist', priority: 'urgent' } },
  },
  {
    say: 'set buy milk to low priority',
    tasks: home,
    expect: { tool: 'update_task', args: { task: 'Buy milk', priority: 'low' } },
  },
  {
    say: 'prioritize the quarterly report',
    tasks: home,
    expect: { tool: 'update_task', args: { task: 'Quarterly report', priority: 'high' } },
  },
  {
    say: 'move buy milk to saturday at 11am',
    tasks: home,
    expect: { tool: 'update_task', args: { task: 'Buy milk', due_local: '2026-11-28T11:00' } },
  },
  {
    say: 'reschedule the report to next monday',
    tasks: home,
    expect: {
      tool: 'update_task',
      args: { task: 'Quarterly report', due_local: '2026-11-30T09:00' },
    },
  },
  {
    say: 'postpone it to tomorrow 3pm',
    before: ['add file taxes'],
    expect: { tool: 'update_task', args: { task: 'File taxes', due_local: '2026-11-27T15:00' } },
  },
  {
    say: 'rename water the plants to water the orchids',
    tasks: home,
    expect: { tool: 'update_task', args: { task: 'Water the plants', title: 'water the orchids' } },
  },
  {
    say: 'remind me 30 minutes before',
    before: ['add call the plumber tomorrow at 9am'],
    expect: {
      tool: 'set_reminder',
      args: { task: 'Call the plumber', reminders: [{ offset: '-PT30M' }] },
    },
  },
  {
    say: 'remind me about buy milk 1 hour before',
    tasks: home,
    expect: { tool: 'set_reminder', args: { task: 'Buy milk', reminders: [{ offset: '-PT1H' }] } },
  },
  {
    say: 'make buy milk repeat every week',
    tasks: home,
    expect: {
      tool: 'set_recurrence',
      args: { task: 'Buy milk', recurrence: { frequency: 'weekly', interval: 1 } },
    },
  },
  {
    say: 'repeat water the plants every 2 days',
    tasks: [{ title: 'Water the plants', due_at: '2026-11-27T07:00:00Z' }],
    expect: {
      tool: 'set_recurrence',
      args: { task: 'Water the plants', recurrence: { frequency: 'daily', interval: 2 } },
    },
  },
  {
    say: 'stop repeating buy milk',
    tasks: home,
    expect: { tool: 'set_recurrence', args: { task: 'Buy milk', recurrence: null } },
  },

  // Not understood or not enough: a question, nothing written.
  { say: 'hello', expect: { question: true } },
  { say: 'move buy milk to whenever you like', tasks: home, expect: { question: true } },
  { say: 'mark it done', expect: { question: true } },
];
