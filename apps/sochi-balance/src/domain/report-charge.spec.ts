import { describe, expect, it } from '@jest/globals';
import { bishkekDayStart, isCalendarDate } from '#money';
import { decideCharge, settleWaiting } from './report-charge.js';
import { statement } from './statement.js';

const INN = '01234567890123';
const req = (price: bigint, reportId = 'R-1') => ({ reportId, inn: INN, description: 'Отчет по НДС', price });

describe('decideCharge', () => {
  it('charges at once when the balance covers the price, to exactly zero', () => {
    expect(decideCharge(null, req(500n), 1_000n)).toEqual({ kind: 'charge', balanceAfter: 500n });
    expect(decideCharge(null, req(1_000n), 1_000n)).toEqual({ kind: 'charge', balanceAfter: 0n });
  });

  it('lets a report the balance does not cover wait, by one tyiyn', () => {
    expect(decideCharge(null, req(1_001n), 1_000n)).toEqual({ kind: 'await-payment' });
  });

  it('is idempotent on the report id and refuses the id for another request', () => {
    const existing = { inn: INN, description: 'Отчет по НДС', price: 500n };
    expect(decideCharge(existing, req(500n), 0n)).toEqual({ kind: 'replay' });
    expect(decideCharge(existing, req(501n), 10_000n)).toEqual({ kind: 'report-id-reused' });
    expect(decideCharge({ ...existing, inn: '99999999999999' }, req(500n), 10_000n)).toEqual({
      kind: 'report-id-reused',
    });
  });
});

describe('settleWaiting', () => {
  const waiting = [
    { reportId: 'A', price: 300n },
    { reportId: 'B', price: 500n },
    { reportId: 'C', price: 100n },
  ];

  it('pays the oldest first while the balance covers them', () => {
    expect(settleWaiting(850n, waiting)).toEqual({
      settled: [
        { reportId: 'A', price: 300n, balanceAfter: 550n },
        { reportId: 'B', price: 500n, balanceAfter: 50n },
      ],
      balanceAfter: 50n,
    });
  });

  it('stops at the first it cannot cover: a newer small report does not overtake an older big one', () => {
    expect(settleWaiting(350n, waiting)).toEqual({
      settled: [{ reportId: 'A', price: 300n, balanceAfter: 50n }],
      balanceAfter: 50n,
    });
    expect(settleWaiting(299n, waiting)).toEqual({ settled: [], balanceAfter: 299n });
  });

  it('pays all of them exactly', () => {
    expect(settleWaiting(900n, waiting).settled.map((s) => s.reportId)).toEqual(['A', 'B', 'C']);
    expect(settleWaiting(900n, waiting).balanceAfter).toBe(0n);
  });
});

describe('statement', () => {
  it("adds the credits, takes the charges, and closes on the last entry's balance", () => {
    const entries = [
      { kind: 'TOP_UP' as const, amount: 1_000n, balanceAfter: 1_200n },
      { kind: 'CHARGE' as const, amount: 300n, balanceAfter: 900n },
      { kind: 'CHARGE' as const, amount: 900n, balanceAfter: 0n },
    ];
    expect(statement(200n, entries)).toEqual({
      openingBalance: 200n,
      credits: 1_000n,
      charges: 1_200n,
      closingBalance: 0n,
    });
  });

  it('closes on the opening balance when nothing happened', () => {
    expect(statement(700n, [])).toEqual({ openingBalance: 700n, credits: 0n, charges: 0n, closingBalance: 700n });
  });

  it('refuses a ledger whose entries do not follow from each other', () => {
    expect(() => statement(0n, [{ kind: 'TOP_UP', amount: 100n, balanceAfter: 90n }])).toThrow(/entry 0/);
  });
});

describe('Bishkek days', () => {
  it('start at 18:00 UTC the day before', () =>
    expect(bishkekDayStart('2027-01-01')).toEqual(new Date('2026-12-31T18:00:00Z')));
  it('are real dates', () =>
    expect([isCalendarDate('2026-02-28'), isCalendarDate('2026-02-29')]).toEqual([true, false]));
});
