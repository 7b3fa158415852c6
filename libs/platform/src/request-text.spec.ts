import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { hasInvalidCharacters, INVALID_CHARACTERS, invalidTextFields } from './request-text.js';

describe('hasInvalidCharacters: the text no request field may hold', () => {
  it.each([
    ['a NUL', 'ОсОО\u0000Тест'],
    ['a NUL alone', '\u0000'],
    ['a high surrogate at the end', 'name\uD800'],
    ['a high surrogate before another character', '\uD800name'],
    ['a low surrogate alone', 'na\uDC00me'],
    ['a pair in the wrong order', '\uDE00\uD83D'],
    ['two high surrogates', '\uD83D\uD83D\uDE00'],
  ])('refuses %s', (_, text) => expect(hasInvalidCharacters(text)).toBe(true));

  it.each([
    ['Cyrillic', 'ОсОО «Дос Тек» — Бишкек'],
    ['an emoji (a surrogate pair)', 'Налоги 😀'],
    ['the replacement character itself', 'a\uFFFDb'],
    ['tabs and new lines', 'a\tb\nc'],
    ['nothing', ''],
  ])('accepts %s', (_, text) => expect(hasInvalidCharacters(text)).toBe(false));

  it('accepts every well-formed text without NUL, and refuses it with a lone surrogate or a NUL put anywhere', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\u0000'));
    const bad = fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF');
    fc.assert(
      fc.property(text, bad, fc.nat(), (s, c, at) => {
        const i = at % (s.length + 1);
        return !hasInvalidCharacters(s) && hasInvalidCharacters(s.slice(0, i) + c + s.slice(i));
      }),
    );
  });
});

describe('invalidTextFields: every refused text of a request part, by its path', () => {
  it('names nested fields, array items and keys', () => {
    const body = {
      name: 'ok',
      schedule: { time: '09:00\u0000' },
      tags: ['a', 'b\uD800'],
      ['k\u0000']: 'v',
      n: 5,
      none: null,
    };
    expect(invalidTextFields(body)).toEqual([
      { field: 'schedule.time', code: INVALID_CHARACTERS, message: expect.any(String) },
      { field: 'tags.1', code: INVALID_CHARACTERS, message: expect.any(String) },
      { field: 'k\u0000', code: INVALID_CHARACTERS, message: expect.any(String) },
    ]);
  });

  it('names a single parameter by its root', () => {
    expect(invalidTextFields('4000\u00000000', ['number']).map((e) => e.field)).toEqual(['number']);
    expect(invalidTextFields('4000000000000002', ['number'])).toEqual([]);
  });

  it('reports at most 50, in order', () => {
    const errors = invalidTextFields({ items: Array.from({ length: 10_000 }, () => '\u0000') });
    expect(errors).toHaveLength(50);
    expect(errors.at(-1)?.field).toBe('items.49');
  });

  it('walks a deeply nested body without exhausting the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const [error] = invalidTextFields({ deep });
    expect(error.field.split('.')).toHaveLength(100_001);
  });
});
