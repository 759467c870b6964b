import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.ts';
import { expectedVersionOf } from './if-match.ts';

/** The problem a refused header gets, or the version it names. */
function read(header: string | undefined): number | undefined | { status: number; code: string } {
  try {
    return expectedVersionOf(header);
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, code: error.code };
    throw error;
  }
}

const refused = { status: 400, code: 'invalid_if_match' };

describe('If-Match', () => {
  it('is absent: the command is unconditional', () => {
    expect(read(undefined)).toBeUndefined();
  });

  it('names the version of a quoted entity tag, as the ETag header gives it', () => {
    expect(read('"3"')).toBe(3);
    expect(read('"42"')).toBe(42);
  });

  it('reads a weak tag and a bare number as the same version', () => {
    expect(read('W/"3"')).toBe(3);
    expect(read('W/3')).toBe(3);
    expect(read('3')).toBe(3);
  });

  it('ignores the whitespace around the value', () => {
    expect(read('  "7"\t')).toBe(7);
  });

  it('reads leading zeros as the same number', () => {
    expect(read('"007"')).toBe(7);
  });

  it('accepts a quote on one side only (lenient, kept as it was)', () => {
    expect(read('"3')).toBe(3);
    expect(read('3"')).toBe(3);
  });

  it('refuses 0, which no task has: the client’s error in the client’s words', () => {
    expect(read('"0"')).toEqual(refused);
    expect(read('0')).toEqual(refused);
    expect(read('W/"000"')).toEqual(refused);
  });

  it('takes nine digits, the largest exact version it accepts', () => {
    expect(read('"999999999"')).toBe(999_999_999);
  });

  it('refuses ten digits and more instead of rounding them', () => {
    expect(read('"1000000000"')).toEqual(refused);
    expect(read(`"${'9'.repeat(400)}"`)).toEqual(refused);
  });

  it('refuses a negative, fractional or exponent version', () => {
    expect(read('"-1"')).toEqual(refused);
    expect(read('-1')).toEqual(refused);
    expect(read('"1.5"')).toEqual(refused);
    expect(read('"1e3"')).toEqual(refused);
    expect(read('"+3"')).toEqual(refused);
  });

  it('refuses `*`, which would otherwise read as "no condition"', () => {
    expect(read('*')).toEqual(refused);
    expect(read('"*"')).toEqual(refused);
  });

  it('refuses a list of tags, including two requests joined by Node', () => {
    expect(read('"3", "4"')).toEqual(refused);
    expect(read('"3","3"')).toEqual(refused);
  });

  it('refuses garbage, an empty value and tags that are not versions', () => {
    for (const header of [
      '',
      '   ',
      '""',
      'abc',
      '"abc"',
      'w/"3"',
      'W/ "3"',
      '"3 "',
      '3 4',
      '0x10',
    ])
      expect(read(header), header).toEqual(refused);
  });

  it('refuses with a 400 problem that names the expected form', () => {
    expect(() => expectedVersionOf('garbage')).toThrowError(/task version such as "3"/);
  });
});
