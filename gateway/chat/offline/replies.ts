/** What the engine says when it did not understand at all: what it can do, with examples. */
export const HELP_REPLY =
  'I can add, list, search, complete, reopen, reschedule, prioritise and delete tasks, set reminders and make tasks repeat — for example “add pay rent on the 1st of every month #home”, “what’s overdue?” or “mark the milk task done”. What would you like to do?';
