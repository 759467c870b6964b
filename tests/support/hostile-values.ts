import fc from 'fast-check';

/**
 * Generators of input a careless or malicious client sends: near-valid values mixed with the
 * strings and shapes that break parsers, databases and date libraries. Seeded by the tests, so a
 * failure names a seed and a path that replay it exactly.
 */

const nastyStrings = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202Egnp.exe',
  '\uFEFF',
  '🧪'.repeat(300),
  'x'.repeat(2001),
  "'; drop table state; --",
  '${jndi:ldap://127.0.0.1/x}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00%0d%0a',
  '{"__proto__":{"admin":true}}',
  '__proto__',
  'constructor',
  'NaN',
  '-0',
  '1e309',
  '9007199254740993',
];

export const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'binary-ascii', maxLength: 60 }),
  fc.constantFrom(...nastyStrings),
);

const isoInstant = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('3100-01-01T00:00:00Z') })
  .filter((date) => !Number.isNaN(date.getTime()))
  .map((date) => date.toISOString());

const hostileInstant = fc.oneof(
  { weight: 3, arbitrary: isoInstant },
  fc.constantFrom(
    '2027-02-30T09:00:00Z',
    '2027-13-01T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '-000001-01-01T00:00:00Z',
    '2027-01-01',
    '2027-01-01T25:00:00Z',
    '2027-01-01T09:00:00+99:00',
    'tomorrow',
    '0',
  ),
);

/** Any JSON value, and some that only survive as JavaScript (they serialise as null). */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 12 }),
);

const offsets = fc.constantFrom(
  'PT30M',
  '-PT30M',
  'P1D',
  '-P1W',
  'PT0S',
  'P2Y',
  '-P400D',
  'PT',
  'P1M',
  '-PT99999999H',
);

const recurrence = fc.oneof(
  fc.constant(null),
  fc.record(
    {
      frequency: fc.constantFrom('daily', 'weekly', 'monthly', 'yearly', 'hourly', 'never'),
      interval: fc.oneof(fc.integer({ min: -2, max: 400 }), hostileValue),
      days_of_week: fc.oneof(
        fc.array(fc.integer({ min: -1, max: 8 }), { maxLength: 9 }),
        hostileValue,
      ),
      day_of_month: fc.integer({ min: -1, max: 32 }),
      end_date: hostileInstant,
      count: fc.integer({ min: -1, max: 2000 }),
      repeat_from: fc.constantFrom('due', 'completion', 'nowhere'),
    },
    { requiredKeys: ['frequency'] },
  ),
  fc.record({
    rrule: fc.constantFrom(
      'FREQ=WEEKLY;BYDAY=MO,WE',
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
      'FREQ=SECONDLY',
      'FREQ=DAILY;BYHOUR=3',
      'FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3',
      'FREQ=DAILY;UNTIL=19000101T000000Z',
      'FREQ=DAILY;INTERVAL=0',
      'RRULE:FREQ=DAILY',
      'FREQ=WEEKLY;BYDAY=' + 'MO,'.repeat(200),
      'garbage',
    ),
  }),
  hostileValue,
);

/** Plausible values for each field a task tool or request takes, with hostile ones mixed in. */
const statuses = ['pending', 'in_progress', 'completed', 'deleted'];
const priorities = ['low', 'medium', 'high', 'urgent', 'asap'];

/** Mostly a plausible value, so that many calls get past the schema into the domain rules. */
const mostly = <T>(plausible: fc.Arbitrary<T>, hostile: fc.Arbitrary<unknown> = hostileValue) =>
  fc.oneof({ weight: 5, arbitrary: plausible }, { weight: 1, arbitrary: hostile });

const fieldValues: Record<string, fc.Arbitrary<unknown>> = {
  title: mostly(fc.string({ minLength: 1, maxLength: 30 }), hostileString),
  description: mostly(fc.string({ maxLength: 80 }), hostileString),
  status: mostly(fc.constantFrom(...statuses)),
  priority: mostly(fc.constantFrom(...priorities)),
  tags: mostly(fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 12 })),
  due_at: mostly(fc.oneof(hostileInstant, fc.constant(null))),
  due_from: mostly(hostileInstant),
  due_to: mostly(hostileInstant),
  time_zone: mostly(
    fc.constantFrom('UTC', 'Europe/Berlin', 'Pacific/Chatham', 'Mars/Olympus_Mons', 'utc+3'),
  ),
  reminders: mostly(
    fc.array(mostly(fc.oneof(fc.record({ offset: offsets }), fc.record({ at: hostileInstant }))), {
      maxLength: 6,
    }),
  ),
  reminder_offset: mostly(offsets),
  recurrence,
  q: hostileString,
  // list_tasks filters by several at once.
  statuses: mostly(fc.array(fc.constantFrom(...statuses), { maxLength: 5 })),
  priorities: mostly(fc.array(fc.constantFrom(...priorities), { maxLength: 5 })),
  tags_mode: fc.constantFrom('any', 'all', 'none'),
  overdue: mostly(fc.boolean()),
  has_recurrence: mostly(fc.boolean()),
  sort: fc.constantFrom(
    'due',
    'priority',
    'created',
    'updated',
    'title',
    'due_at',
    'user_id; drop',
  ),
  order: fc.constantFrom('asc', 'desc', 'sideways'),
  limit: mostly(fc.integer({ min: -5, max: 60 })),
};

/**
 * Arguments for a tool taking `fields`: each field present or not, plausible or hostile, now and
 * then an unknown field, and `taskId` (a task of the caller, a stranger's id or junk) for task_id.
 */
export function toolArguments(
  tool: string,
  fields: readonly string[],
  taskId: fc.Arbitrary<unknown>,
): fc.Arbitrary<Record<string, unknown>> {
  const valueOf = (field: string) => {
    if (field === 'task_id') return taskId;
    if (tool === 'list_tasks' && field === 'status') return fieldValues.statuses!;
    if (tool === 'list_tasks' && field === 'priority') return fieldValues.priorities!;
    return fieldValues[field] ?? hostileValue;
  };
  const model = Object.fromEntries(fields.map((field) => [field, valueOf(field)]));
  const requiredKeys = fields.includes('task_id') ? ['task_id'] : [];
  return fc.oneof(
    { weight: 8, arbitrary: fc.record(model, { requiredKeys }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.record(model, { requiredKeys }), hostileString, hostileValue)
        .map(([args, key, value]) => ({ ...args, [key]: value })),
    },
    { weight: 1, arbitrary: fc.dictionary(hostileString, hostileValue, { maxKeys: 4 }) },
  );
}
