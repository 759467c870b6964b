import { describe, expect, it } from 'vitest';
import { jsonbText } from './dead-letters.ts';

describe('jsonbText', () => {
  it('writes NUL as an escaped backslash sequence, so jsonb takes it and it reads back visibly', () => {
    expect(jsonbText({ title: 'a\u0000b' })).toBe('{"title":"a\\\\u0000b"}');
    expect(JSON.parse(jsonbText({ title: 'a\u0000b' }))).toEqual({ title: 'a\\u0000b' });
  });

  it('leaves a literal backslash-u0000 text alone and keeps everything else as JSON.stringify has it', () => {
    expect(jsonbText('\\u0000')).toBe(JSON.stringify('\\u0000'));
    expect(jsonbText({ a: [1, 'é', null] })).toBe('{"a":[1,"é",null]}');
    expect(jsonbText(undefined)).toBe('null');
  });
});
