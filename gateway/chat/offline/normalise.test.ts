import { describe, expect, it } from 'vitest';
import { normalise } from './normalise.ts';
import { digitsForSpokenNumbers } from './spoken-numbers.ts';

describe('spoken numbers as digits', () => {
  it.each([
    ['meet at four pm', 'meet at 4 pm'],
    ['on the twenty first', 'on the 21st'],
    ['the twenty-second of march', 'the 22nd of march'],
    ['half past three tomorrow', '3:30 tomorrow'],
    ['quarter to five', '4:45'],
    ['at ten thirty', 'at 10:30'],
    ['six forty five am', '6:45 am'],
    ['six hundred and forty five am', '6:45 am'],
    ['march twenty two two thousand and seventeen', 'march 22 2017'],
    ['march first twenty seventeen', 'march 1st 2017'],
    ['at twelve noon', 'at 12:00 pm'],
    ['at five o clock', 'at 5:00'],
    ['in one hour', 'in 1 hour'],
    ['twelveth july', '12th july'],
  ])('“%s” → “%s”', (spoken, written) => {
    expect(digitsForSpokenNumbers(spoken)).toBe(written);
  });

  it('keeps "one" and "second" that are not numbers, and the case of other words', () => {
    expect(digitsForSpokenNumbers('delete this one')).toBe('delete this one');
    expect(digitsForSpokenNumbers('wait a second')).toBe('wait a second');
    expect(digitsForSpokenNumbers('Call Anna at Three')).toBe('Call Anna at 3');
  });
});

describe('normalising a message', () => {
  it.each([
    ['ok google schedule a meeting', 'schedule a meeting'],
    ['olly do i have any meetings', 'do i have any meetings'],
    ['hey siri please remind me to call mom', 'remind me to call mom'],
    ['can you please add milk', 'add milk'],
    ['i want you to remind me at five pm', 'remind me at 5 pm'],
    ["i'd like to cancel the trip", 'cancel the trip'],
    ['list the items on my shopping list olly', 'list the items on my shopping list'],
    ['add bread please', 'add bread'],
    ['we are out of paint so take painting off the list', 'take painting off the list'],
    ['whats on my list', "what's on my list"],
    ["delete tomorrow's meeting", 'delete tomorrow meeting'],
    ['call mom a week from today', 'call mom in a week'],
    ['call mom 2 days from now', 'call mom in 2 day'],
  ])('“%s” → “%s”', (said, read) => {
    expect(normalise(said)).toBe(read);
  });

  it('leaves a lone word and a title that only contains a filler word', () => {
    expect(normalise('hello')).toBe('hello');
    expect(normalise('ok')).toBe('ok');
    expect(normalise('ask olly about the rota')).toBe('ask olly about the rota');
    expect(normalise('do i have anything today')).toBe('do i have anything today');
  });
});
