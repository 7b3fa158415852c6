import { describe, expect, it } from '@jest/globals';
import { MAX_AMOUNT } from '#money';
import { decideDebit, decideDebits, type DebitInput } from './debit-decision.js';

const LIMIT = 6_000_000n; // 60000.00 som
const AT = new Date('2026-11-26T08:00:00Z');

const given = (over: Partial<DebitInput> = {}): DebitInput => ({
  alreadyDecided: false,
  wallet: { balance: 100_000n, turnover: { month: '2026-11', amount: 0n } },
  amount: 15_000n,
  monthlyLimit: LIMIT,
  at: AT,
  ...over,
});

describe('decideDebit', () => {
  it('debits a covered payment within the limit and counts it in the month', () => {
    expect(
      decideDebit(given({ wallet: { balance: 100_000n, turnover: { month: '2026-11', amount: 20_000n } } })),
    ).toEqual({
      kind: 'debit',
      amount: 15_000n,
      balanceAfter: 85_000n,
      month: '2026-11',
      turnoverAfter: 35_000n,
    });
  });

  it('rejects a phone without a wallet', () => {
    expect(decideDebit(given({ wallet: null }))).toEqual({ kind: 'reject', reason: 'WALLET_NOT_FOUND' });
  });

  it('rejects a payment the balance does not cover, by one tyiyn', () => {
    expect(decideDebit(given({ wallet: { balance: 14_999n, turnover: null } }))).toEqual({
      kind: 'reject',
      reason: 'INSUFFICIENT_FUNDS',
    });
  });

  it('debits the whole balance exactly', () => {
    expect(decideDebit(given({ wallet: { balance: 15_000n, turnover: null } }))).toMatchObject({
      kind: 'debit',
      balanceAfter: 0n,
    });
  });

  it('reports insufficient funds before the monthly limit', () => {
    const wallet = { balance: 100n, turnover: { month: '2026-11', amount: LIMIT } };
    expect(decideDebit(given({ wallet }))).toEqual({ kind: 'reject', reason: 'INSUFFICIENT_FUNDS' });
  });

  it('allows a payment that reaches the limit exactly', () => {
    const wallet = { balance: 10_000_000n, turnover: { month: '2026-11', amount: LIMIT - 15_000n } };
    expect(decideDebit(given({ wallet }))).toMatchObject({ kind: 'debit', turnoverAfter: LIMIT });
  });

  it('rejects a payment one tyiyn over the limit', () => {
    const wallet = { balance: 10_000_000n, turnover: { month: '2026-11', amount: LIMIT - 14_999n } };
    expect(decideDebit(given({ wallet }))).toEqual({ kind: 'reject', reason: 'MONTHLY_LIMIT_EXCEEDED' });
  });

  it('rejects a single payment above the limit on a fresh month', () => {
    const wallet = { balance: 10_000_000n, turnover: null };
    expect(decideDebit(given({ wallet, amount: LIMIT + 1n }))).toEqual({
      kind: 'reject',
      reason: 'MONTHLY_LIMIT_EXCEEDED',
    });
    expect(decideDebit(given({ wallet, amount: LIMIT }))).toMatchObject({ kind: 'debit', turnoverAfter: LIMIT });
  });

  it('starts a new month at 18:00 UTC on the last day (Bishkek midnight)', () => {
    const wallet = { balance: 10_000_000n, turnover: { month: '2026-11', amount: LIMIT } };
    expect(decideDebit(given({ wallet, at: new Date('2026-11-30T17:59:59.999Z') }))).toEqual({
      kind: 'reject',
      reason: 'MONTHLY_LIMIT_EXCEEDED',
    });
    expect(decideDebit(given({ wallet, at: new Date('2026-11-30T18:00:00.000Z') }))).toEqual({
      kind: 'debit',
      amount: 15_000n,
      balanceAfter: 9_985_000n,
      month: '2026-12',
      turnoverAfter: 15_000n,
    });
  });

  it('rolls the year over at Bishkek midnight on 31 December', () => {
    const wallet = { balance: 100_000n, turnover: null };
    expect(decideDebit(given({ wallet, at: new Date('2026-12-31T17:59:59Z') }))).toMatchObject({ month: '2026-12' });
    expect(decideDebit(given({ wallet, at: new Date('2026-12-31T18:00:00Z') }))).toMatchObject({ month: '2027-01' });
  });

  it('does nothing for a payment already decided, whatever the wallet now holds', () => {
    expect(decideDebit(given({ alreadyDecided: true }))).toEqual({ kind: 'already-decided' });
    expect(decideDebit(given({ alreadyDecided: true, wallet: null }))).toEqual({ kind: 'already-decided' });
  });

  it.each([0n, MAX_AMOUNT + 1n])('treats an amount of %s tyiyn as invalid, not as a rejection', (amount) => {
    expect(decideDebit(given({ amount }))).toMatchObject({ kind: 'invalid-amount' });
  });
});

describe('decideDebits: a batch of payments in delivery order', () => {
  it('decides each on the wallet as the ones before it left it, and the same payment once', () => {
    const before = new Map([
      ['a', { balance: 150n, turnover: null }],
      ['b', { balance: 500n, turnover: 1_000n }],
    ]);
    const { decisions, after } = decideDebits(
      [
        { paymentId: 'p1', phone: 'a', amount: 100n },
        { paymentId: 'p2', phone: 'a', amount: 100n },
        { paymentId: 'p3', phone: 'b', amount: 200n },
        { paymentId: 'p3', phone: 'b', amount: 200n },
        { paymentId: 'p4', phone: 'none', amount: 1n },
      ],
      before,
      new Set(),
      LIMIT,
      AT,
    );
    expect(decisions.map((d) => (d.kind === 'reject' ? d.reason : d.kind))).toEqual([
      'debit',
      'INSUFFICIENT_FUNDS',
      'debit',
      'already-decided',
      'WALLET_NOT_FOUND',
    ]);
    expect(after).toEqual(
      new Map([
        ['a', { balance: 50n, turnover: 100n }],
        ['b', { balance: 300n, turnover: 1_200n }],
      ]),
    );
    expect(before.get('a')).toEqual({ balance: 150n, turnover: null });
  });
});
