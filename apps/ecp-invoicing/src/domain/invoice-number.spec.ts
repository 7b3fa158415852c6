import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  allocateInvoiceNumber,
  generateInvoiceNumber,
  InvoiceNumberExhaustedError,
  isValidInvoiceNumber,
  luhnCheckDigit,
  passesLuhn,
} from './invoice-number.js';

const numbers = Array.from({ length: 200 }, () => generateInvoiceNumber());

/** Every number that differs from `n` in exactly one digit. */
function oneDigitTypos(n: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < n.length; i++) {
    for (let d = 0; d <= 9; d++) if (String(d) !== n[i]) out.push(n.slice(0, i) + d + n.slice(i + 1));
  }
  return out;
}

/** Every number made by swapping two adjacent different digits of `n`, with the pair swapped. */
function adjacentTranspositions(n: string): { swapped: string; pair: string }[] {
  const out: { swapped: string; pair: string }[] = [];
  for (let i = 0; i + 1 < n.length; i++) {
    if (n[i] !== n[i + 1])
      out.push({ swapped: n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2), pair: n[i] + n[i + 1] });
  }
  return out;
}

describe('luhnCheckDigit and passesLuhn', () => {
  it('agree with the published Luhn examples', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
    expect(passesLuhn('4539578763621486')).toBe(true);
  });
  it.each(['', '7', '1234a67890123456', ' 4539578763621486'])('refuses %j', (v) => expect(passesLuhn(v)).toBe(false));
});

describe('generateInvoiceNumber', () => {
  it('makes 16 digits, the first non-zero, with a valid Luhn check digit', () => {
    for (const n of numbers) {
      expect(n).toMatch(/^[1-9][0-9]{15}$/);
      expect(passesLuhn(n)).toBe(true);
      expect(isValidInvoiceNumber(n)).toBe(true);
    }
  });

  it('draws from the random source it is given, for any draws', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 15, maxLength: 15 }),
        fc.integer({ min: 1, max: 9 }),
        (rest, first) => {
          const draws = [first, ...rest.slice(1)];
          let i = 0;
          const n = generateInvoiceNumber(() => draws[i++]);
          expect(n.slice(0, 15)).toBe(draws.join(''));
          expect(isValidInvoiceNumber(n)).toBe(true);
        },
      ),
    );
  });

  it('asks for a first digit in 1..9 and the others in 0..9', () => {
    const ranges: [number, number][] = [];
    generateInvoiceNumber((min, max) => {
      ranges.push([min, max]);
      return min;
    });
    expect(ranges).toEqual([[1, 10], ...Array.from({ length: 14 }, () => [0, 10])]);
  });

  it('does not repeat itself', () => {
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});

describe('isValidInvoiceNumber', () => {
  it('refuses every one-digit typo', () => {
    for (const n of numbers.slice(0, 50))
      for (const typo of oneDigitTypos(n)) expect(isValidInvoiceNumber(typo)).toBe(false);
  });

  it('refuses every swap of two adjacent different digits, except 09 ↔ 90 (a blind spot of Luhn)', () => {
    for (const n of numbers.slice(0, 50)) {
      for (const { swapped, pair } of adjacentTranspositions(n)) {
        if (pair === '09' || pair === '90') continue;
        expect(isValidInvoiceNumber(swapped)).toBe(false);
      }
    }
  });

  it('documents the 09 ↔ 90 blind spot: Luhn cannot see that swap', () => {
    const n = '1090000000000000'.slice(0, 15);
    const valid = n + luhnCheckDigit(n);
    const swapped = '1900000000000000'.slice(0, 15);
    expect(isValidInvoiceNumber(valid)).toBe(true);
    expect(isValidInvoiceNumber(swapped + valid.at(-1))).toBe(true);
  });

  it.each([
    ['15 digits', '453957876362148'],
    ['17 digits', '45395787636214860'],
    ['a leading zero', `0${'45395787636214'}${luhnCheckDigit('045395787636214')}`],
    ['a letter', '453957876362148a'],
  ])('refuses %s', (_what, v) => expect(isValidInvoiceNumber(v)).toBe(false));
});

describe('allocateInvoiceNumber', () => {
  it('takes the first number it can claim', async () => {
    expect(
      await allocateInvoiceNumber(
        async () => true,
        () => '4539578763621486',
      ),
    ).toBe('4539578763621486');
  });

  it('tries a new number after a collision', async () => {
    const taken = new Set(['1000000000000009']);
    const offered = ['1000000000000009', '4539578763621486'];
    const claimed = await allocateInvoiceNumber(
      async (n) => !taken.has(n),
      () => offered.shift()!,
    );
    expect(claimed).toBe('4539578763621486');
    expect(offered).toEqual([]);
  });

  it('gives up after the last attempt rather than looping for ever', async () => {
    let tries = 0;
    await expect(allocateInvoiceNumber(async () => (tries++, false), generateInvoiceNumber, 3)).rejects.toBeInstanceOf(
      InvoiceNumberExhaustedError,
    );
    expect(tries).toBe(3);
  });
});
