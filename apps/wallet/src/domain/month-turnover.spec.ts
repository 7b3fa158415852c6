import { describe, expect, it } from '@jest/globals';
import {
  availableThisMonth,
  fitsMonthlyLimit,
  turnoverAfterDebit,
  turnoverAfterRefund,
  turnoverIn,
  turnoverMonth,
} from './month-turnover.js';
import { walletScreen } from './wallet-screen.js';

const LIMIT = 6_000_000n;

describe('month turnover arithmetic', () => {
  it('adds debits and takes refunds back out', () => {
    const afterTwo = turnoverAfterDebit(turnoverAfterDebit(0n, 15_000n), 2_550n);
    expect(afterTwo).toBe(17_550n);
    expect(turnoverAfterRefund(afterTwo, 15_000n)).toBe(2_550n);
    expect(turnoverAfterRefund(2_550n, 2_550n)).toBe(0n);
  });

  it('never lets a refund take the turnover below zero', () => {
    expect(() => turnoverAfterRefund(100n, 101n)).toThrow(/exceeds/);
  });

  it('refuses non-positive amounts', () => {
    expect(() => turnoverAfterDebit(0n, 0n)).toThrow();
    expect(() => turnoverAfterRefund(10n, 0n)).toThrow();
  });

  it('counts only the record of the month asked for', () => {
    expect(turnoverIn('2026-11', { month: '2026-11', amount: 500n })).toBe(500n);
    expect(turnoverIn('2026-12', { month: '2026-11', amount: 500n })).toBe(0n);
    expect(turnoverIn('2026-11', null)).toBe(0n);
  });

  it('fits the limit exactly, not one tyiyn more', () => {
    expect(fitsMonthlyLimit(LIMIT, LIMIT - 100n, 100n)).toBe(true);
    expect(fitsMonthlyLimit(LIMIT, LIMIT - 100n, 101n)).toBe(false);
  });

  it('shows what is left under the limit, never below zero', () => {
    expect(availableThisMonth(LIMIT, 0n)).toBe(LIMIT);
    expect(availableThisMonth(LIMIT, 1_750n)).toBe(5_998_250n);
    expect(availableThisMonth(LIMIT, LIMIT)).toBe(0n);
    expect(availableThisMonth(LIMIT, LIMIT + 5n)).toBe(0n);
  });

  it('counts a debit in the Bishkek month: 18:00 UTC on the last day is already the next month', () => {
    expect(turnoverMonth(new Date('2026-11-30T17:59:59.999Z'))).toBe('2026-11');
    expect(turnoverMonth(new Date('2026-11-30T18:00:00.000Z'))).toBe('2026-12');
  });
});

describe('walletScreen', () => {
  it('shows the balance, this month turnover and what remains', () => {
    expect(walletScreen(6_738n, '2026-11', { month: '2026-11', amount: 1_000_000n }, LIMIT)).toEqual({
      balance: 6_738n,
      monthTurnover: 1_000_000n,
      monthLimit: LIMIT,
      availableThisMonth: 5_000_000n,
      month: '2026-11',
    });
  });

  it('starts every month at zero turnover', () => {
    expect(walletScreen(0n, '2026-12', { month: '2026-11', amount: LIMIT }, LIMIT)).toMatchObject({
      monthTurnover: 0n,
      availableThisMonth: LIMIT,
    });
  });
});
