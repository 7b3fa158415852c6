import { describe, expect, it } from '@jest/globals';
import { passesLuhn } from './luhn.js';

describe('passesLuhn', () => {
  it.each(['79927398713', '4539578763621486', '4000000000000002', '9000000000000001'])('accepts %s', (n) =>
    expect(passesLuhn(n)).toBe(true),
  );

  it.each(['79927398710', '4539578763621487', '9000000000000000', '', '7', '453957876362148a', ' 4539578763621486'])(
    'refuses %j',
    (n) => expect(passesLuhn(n)).toBe(false),
  );

  it('refuses every one-digit typo of a valid number', () => {
    const valid = '4539578763621486';
    for (let i = 0; i < valid.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === valid[i]) continue;
        expect(passesLuhn(valid.slice(0, i) + d + valid.slice(i + 1))).toBe(false);
      }
    }
  });
});
