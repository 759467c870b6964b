import { describe, expect, it } from 'vitest';
import { listTag, readAddRequest } from './add-phrase.ts';
import { isBareTask, isQuestion, isVagueTitle } from './intent-words.ts';
import { readRemoval, splitDay } from './removal.ts';

describe('reading an add request', () => {
  it.each([
    ['remind me tomorrow at 9 to call the bank', 'call the bank tomorrow at 9', true],
    ['remind me to go to the store every friday', 'go to the store every friday', true],
    ['remind me about the meeting in 1 hour', 'the meeting in 1 hour', true],
    ['schedule a meeting with john tomorrow', 'meeting with john tomorrow', false],
    ['set a reminder for my meeting at 5 pm', 'my meeting at 5 pm', true],
    ['add my practice at the park to my calendar', 'my practice at the park', false],
    [
      'every other Tuesday at 6pm: choir practice',
      'choir practice every other Tuesday at 6pm',
      false,
    ],
    ['today needs to be marked as my cheat day', 'my cheat day today', false],
  ])('“%s” → “%s”', (said, sentence, remind) => {
    expect(readAddRequest(said)).toEqual({ sentence, remind });
  });

  it('tags an item with the list it goes on', () => {
    expect(readAddRequest('add eggs to my shopping list')).toEqual({
      sentence: 'eggs #shopping',
      remind: false,
    });
    expect(readAddRequest('put pencil on a new grocery list')?.sentence).toBe('pencil #grocery');
    expect(listTag('to do')).toBe('todo');
    expect(listTag('party shopping')).toBe('party-shopping');
  });

  it('is no add request without a command word', () => {
    expect(readAddRequest('buy milk')).toBeUndefined();
    expect(readAddRequest('what is on my list')).toBeUndefined();
  });
});

describe('kinds of sentences', () => {
  it('tells questions about tasks from other questions and from requests', () => {
    expect(isQuestion('what do i have going on next week')).toBe(true);
    expect(isQuestion('am i busy this weekend')).toBe(true);
    expect(isQuestion('send me a reminder to pick up the dog at 1 pm')).toBe(false);
    expect(isQuestion('send me my reminders for today')).toBe(true);
    expect(isQuestion('when is my next meeting')).toBe(true);
    expect(isQuestion('schedule a meeting on tuesday')).toBe(false);
    expect(isQuestion('tell me to take my umbrella')).toBe(false);
    expect(isQuestion('what is the capital of france')).toBe(false);
  });

  it('takes a to-do verb or an appointment with a day as a task, not a request to the assistant', () => {
    expect(isBareTask('buy milk', false)).toBe(true);
    expect(isBareTask('dentist friday 3pm', true)).toBe(true);
    expect(isBareTask('send me the last list', false)).toBe(false);
    expect(isBareTask('google translate', false)).toBe(false);
    expect(isBareTask('dentist', false)).toBe(false);
  });

  it('finds titles that name nothing', () => {
    expect(isVagueTitle('something in sometime')).toBe(true);
    expect(isVagueTitle('this item')).toBe(true);
    expect(isVagueTitle('')).toBe(true);
    expect(isVagueTitle('Call the bank')).toBe(false);
  });
});

describe('reading a removal', () => {
  it('takes the list, the day and the item apart', () => {
    expect(readRemoval('remove pepper from my grocery list')).toMatchObject({
      reference: 'pepper',
      list: 'grocery',
      all: false,
      placed: true,
    });
    expect(readRemoval('cancel my meeting tomorrow')).toMatchObject({
      reference: 'meeting',
      when: 'tomorrow',
      calendar: true,
    });
    expect(readRemoval('take milk off my grocery list')).toMatchObject({
      reference: 'milk',
      list: 'grocery',
    });
    expect(readRemoval("i don't want eggs")).toMatchObject({ reference: 'eggs', placed: true });
  });

  it('knows everything, the next one, and the whole series', () => {
    expect(readRemoval('clear my schedule for today')).toMatchObject({ all: true, when: 'today' });
    expect(readRemoval('delete the next event on the calendar')).toMatchObject({ next: true });
    expect(readRemoval('open calendar remove all events')).toMatchObject({ all: true });
    expect(readRemoval('delete stretching and all future ones')).toBeUndefined();
    expect(readRemoval('take a walk')).toBeUndefined();
  });

  it('reads a whole list, but not a position or an item', () => {
    expect(readRemoval('delete my to do list')).toMatchObject({ list: 'to do', all: true });
    expect(readRemoval('delete list titled kickball')).toMatchObject({
      list: 'kickball',
      all: true,
    });
    expect(readRemoval('remove the first list')).toMatchObject({ all: false });
    expect(readRemoval('remove item from my list')).not.toMatchObject({ all: true });
    expect(readRemoval('remove the meeting today at evening')).toMatchObject({
      reference: 'meeting',
    });
  });

  it('reads clearing said as a state, and a list opened first', () => {
    expect(readRemoval('make sure my calendar is completely clear tomorrow')).toMatchObject({
      all: true,
      when: 'tomorrow',
      calendar: true,
    });
    expect(readRemoval('find list and remove apple')).toMatchObject({
      reference: 'apple',
      placed: true,
    });
  });

  it('takes the day out of a reference', () => {
    expect(splitDay('meeting i have tomorrow morning')).toEqual({
      rest: 'meeting',
      when: 'tomorrow',
    });
    expect(splitDay('meeting with john on friday')).toEqual({
      rest: 'meeting with john',
      when: 'friday',
    });
    expect(splitDay('call mom')).toBeUndefined();
    expect(splitDay('tomorrow')).toBeUndefined();
  });
});

describe('a reminder of what the person needs to do', () => {
  it('“remind me i need to …” is the task', () =>
    expect(readAddRequest('remind me i need to be at the library at 5')).toEqual({
      sentence: 'be at the library at 5',
      remind: true,
    }));
});
