import { home, type CorpusCase, type SeedTask } from './corpus.ts';

/**
 * The held-out part of the project's corpus: everyday phrasings (most from issue 14's list),
 * written before the engine was tuned and not tuned on afterwards. corpus.test.ts gates on it.
 * Same clock as the development part: Thursday 2026-11-26 11:00 in Europe/Berlin.
 * `from_local`/`to_local` are a list's due range on the Berlin wall clock.
 */
const shopping: SeedTask[] = [
  { title: 'Pepper', tags: ['grocery'] },
  { title: 'Eggs', tags: ['shopping'] },
  { title: 'Meeting with John', due_at: '2026-11-27T14:00:00Z' },
  { title: 'Team standup', due_at: '2026-11-30T08:00:00Z' },
];

const today: SeedTask[] = [
  { title: 'Buy stamps', due_at: '2026-11-26T15:00:00Z' },
  { title: 'Send the parcel', due_at: '2026-11-26T16:00:00Z' },
];

export const heldOut: CorpusCase[] = [
  // Adding, with and without a command word.
  {
    say: 'add pay rent every month',
    expect: {
      tool: 'add_task',
      args: { title: 'Pay rent', recurrence: { frequency: 'monthly', interval: 1 } },
    },
  },
  {
    say: 'add pay taxes every year on April 15',
    expect: {
      tool: 'add_task',
      args: {
        title: 'Pay taxes',
        due_local: '2027-04-15T09:00',
        recurrence: { frequency: 'yearly', interval: 1 },
      },
    },
  },
  { say: 'buy milk', expect: { tool: 'add_task', args: { title: 'Buy milk' } } },
  {
    say: 'call mom tomorrow',
    expect: { tool: 'add_task', args: { title: 'Call mom', due_local: '2026-11-27T09:00' } },
  },
  {
    say: 'dentist friday 3pm',
    expect: { tool: 'add_task', args: { title: 'Dentist', due_local: '2026-11-27T15:00' } },
  },
  {
    say: 'remind me tomorrow at 9 to call the bank',
    expect: {
      tool: 'add_task',
      args: {
        title: 'Call the bank',
        due_local: '2026-11-27T09:00',
        reminders: [{ offset: 'PT0S' }],
      },
    },
  },
  {
    say: 'remind me to call the bank at four pm tomorrow',
    expect: { tool: 'add_task', args: { title: 'Call the bank', due_local: '2026-11-27T16:00' } },
  },
  {
    say: 'every other Tuesday at 6pm: choir practice',
    expect: {
      tool: 'add_task',
      args: {
        title: 'Choir practice',
        due_local: '2026-12-01T18:00',
        recurrence: { frequency: 'weekly', interval: 2, days_of_week: [2] },
      },
    },
  },
  {
    say: 'water the garden on the last Friday of each month',
    expect: {
      tool: 'add_task',
      args: {
        title: 'Water the garden',
        due_local: '2026-11-27T09:00',
        recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=-1FR' },
      },
    },
  },
  {
    say: "add mom's birthday on May 3",
    expect: {
      tool: 'add_task',
      args: {
        title: "Mom's birthday",
        due_local: '2027-05-03T09:00',
        recurrence: { frequency: 'yearly', interval: 1 },
      },
    },
  },
  {
    say: 'half past three tomorrow: pick up the kids',
    expect: {
      tool: 'add_task',
      args: { title: 'Pick up the kids', due_local: '2026-11-27T15:30' },
    },
  },
  {
    say: 'add call grandma on the twenty first of december at four pm',
    expect: { tool: 'add_task', args: { title: 'Call grandma', due_local: '2026-12-21T16:00' } },
  },
  {
    say: 'schedule a meeting with john tomorrow at 3',
    expect: {
      tool: 'add_task',
      args: { title: 'Meeting with john', due_local: '2026-11-27T15:00' },
    },
  },
  {
    say: 'add eggs to my shopping list',
    expect: { tool: 'add_task', args: { title: 'Eggs', tags: ['shopping'] } },
  },

  // Not enough to write: a question.
  { say: 'set a reminder for tomorrow', expect: { question: true } },
  { say: 'remind me to something in sometime', expect: { question: true } },
  { say: 'set a reminder', expect: { question: true } },

  // Changing.
  {
    say: 'mark the bank task as in progress',
    tasks: [{ title: 'Call the bank' }, ...home],
    expect: { tool: 'update_task', args: { task: 'Call the bank', status: 'in_progress' } },
  },
  {
    say: "I'm working on the report",
    tasks: home,
    expect: { tool: 'update_task', args: { task: 'Quarterly report', status: 'in_progress' } },
  },
  {
    say: 'postpone milk by 2 days',
    tasks: home,
    expect: { tool: 'update_task', args: { task: 'Buy milk', due_local: '2026-11-29T17:00' } },
  },
  {
    say: 'make the standup task urgent and tag it work',
    tasks: shopping,
    expect: {
      tool: 'update_task',
      args: { task: 'Team standup', priority: 'urgent', tags: ['work'] },
    },
  },
  {
    say: 'tag the report with work',
    tasks: home,
    expect: { tool: 'update_task', args: { task: 'Quarterly report', tags: ['work'] } },
  },
  {
    say: 'remove the work tag from it',
    before: ['tag the report with work'],
    tasks: home,
    expect: { tool: 'update_task', args: { task: 'Quarterly report', tags: [] } },
  },
  {
    say: 'add a note to the dentist task: bring x-rays',
    tasks: home,
    expect: {
      tool: 'update_task',
      args: { task: 'Call the dentist', description: 'bring x-rays' },
    },
  },
  { say: 'push everything due today to tomorrow', tasks: today, expect: { question: true } },
  {
    say: 'yes',
    before: ['push everything due today to tomorrow'],
    tasks: today,
    expect: { tool: 'update_task', args: { task: 'Buy stamps', due_local: '2026-11-27T16:00' } },
  },
  {
    say: 'complete milk and bread',
    tasks: [...home, { title: 'Buy bread' }],
    expect: { question: true },
  },
  {
    say: 'undo',
    before: ['add buy stamps'],
    expect: { tool: 'delete_task', args: { task: 'Buy stamps' } },
  },
  {
    say: 'cancel my meeting tomorrow',
    tasks: shopping,
    expect: { tool: 'delete_task', args: { task: 'Meeting with John' } },
  },
  {
    say: 'remove pepper from my grocery list',
    tasks: shopping,
    expect: { tool: 'delete_task', args: { task: 'Pepper' } },
  },
  { say: 'delete everything due today', tasks: today, expect: { question: true } },

  // Asking.
  { say: "what's next?", tasks: home, expect: { tool: 'list_tasks', args: { sort: 'due' } } },
  {
    say: 'show tasks due next week',
    tasks: home,
    expect: {
      tool: 'list_tasks',
      args: { from_local: '2026-11-30T00:00', to_local: '2026-12-07T00:00' },
    },
  },
  {
    say: "what's due this weekend?",
    tasks: home,
    expect: {
      tool: 'list_tasks',
      args: { from_local: '2026-11-28T00:00', to_local: '2026-11-30T00:00' },
    },
  },
  {
    say: "what's due on Friday?",
    tasks: home,
    expect: {
      tool: 'list_tasks',
      args: { from_local: '2026-11-27T00:00', to_local: '2026-11-28T00:00' },
    },
  },
  {
    say: "what's due in March?",
    tasks: home,
    expect: {
      tool: 'list_tasks',
      args: { from_local: '2027-03-01T00:00', to_local: '2027-04-01T00:00' },
    },
  },
  {
    say: "what's on my calendar tomorrow",
    tasks: shopping,
    expect: {
      tool: 'list_tasks',
      args: { from_local: '2026-11-27T00:00', to_local: '2026-11-28T00:00' },
    },
  },
  {
    say: 'do i have any meetings this week',
    tasks: shopping,
    expect: {
      tool: 'list_tasks',
      args: { from_local: '2026-11-23T00:00', to_local: '2026-11-30T00:00' },
    },
  },
  {
    say: 'what did I finish yesterday?',
    tasks: home,
    expect: { tool: 'list_tasks', args: { status: ['completed'] } },
  },
  {
    say: 'how many tasks do I have?',
    tasks: home,
    expect: { tool: 'list_tasks', args: { status: ['pending', 'in_progress'] } },
  },
  {
    say: 'anything urgent?',
    tasks: home,
    expect: { tool: 'list_tasks', args: { priority: ['urgent'] } },
  },
  {
    say: 'what is on my shopping list',
    tasks: shopping,
    expect: { tool: 'list_tasks', args: { tags: ['shopping'] } },
  },
];
