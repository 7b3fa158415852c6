import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatSom, MAX_AMOUNT, parseSom, somToTyiyn } from './money.js';

describe('parseSom', () => {
  it.each([
    ['150.00', 15000n],
    ['150', 15000n],
    ['150.5', 15050n],
    ['0.01', 1n],
    ['67.38', 6738n],
    ['1000000.00', 100_000_000n],
  ])('parses %s as %s tyiyn', (text, expected) => {
    expect(parseSom(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'NOT_A_DECIMAL'],
    ['abc', 'NOT_A_DECIMAL'],
    ['1.234', 'NOT_A_DECIMAL'],
    ['-1.00', 'NOT_A_DECIMAL'],
    ['1e3', 'NOT_A_DECIMAL'],
    ['01.00', 'NOT_A_DECIMAL'],
    [' 1.00', 'NOT_A_DECIMAL'],
    ['1,00', 'NOT_A_DECIMAL'],
    ['0', 'NOT_POSITIVE'],
    ['0.00', 'NOT_POSITIVE'],
    ['1000000.01', 'TOO_LARGE'],
  ])('refuses %j as %s', (text, error) => {
    expect(parseSom(text)).toEqual({ ok: false, error });
  });

  it('refuses anything that is not a string, such as a float', () => {
    expect(parseSom(150.5 as unknown as string)).toEqual({ ok: false, error: 'NOT_A_DECIMAL' });
  });

  it('round-trips every valid amount through formatSom', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: MAX_AMOUNT }), (v) => {
        expect(parseSom(formatSom(v))).toEqual({ ok: true, value: v });
      }),
    );
  });
});

describe('formatSom', () => {
  it('formats with two places', () => {
    expect(formatSom(6738n)).toBe('67.38');
    expect(formatSom(0n)).toBe('0.00');
    expect(formatSom(5n)).toBe('0.05');
    expect(formatSom(6_000_000n)).toBe('60000.00');
    expect(formatSom(-5n)).toBe('-0.05');
  });
});

describe('somToTyiyn', () => {
  it('reads what formatSom writes, zero and negatives included', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -MAX_AMOUNT, max: MAX_AMOUNT }), (v) => expect(somToTyiyn(formatSom(v))).toBe(v)),
    );
  });
  it('throws on anything else', () => {
    expect(() => somToTyiyn('1.5')).toThrow();
    expect(() => somToTyiyn('abc')).toThrow();
  });
});
