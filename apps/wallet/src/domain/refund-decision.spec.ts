import { describe, expect, it } from '@jest/globals';
import { decideRefund, type DebitRecord } from './refund-decision.js';

const DEBIT: DebitRecord = { phone: '996555000001', amount: 15_000n, month: '2026-11' };

describe('decideRefund', () => {
  it('gives back exactly the debit, to the month it counted in', () => {
    expect(decideRefund(DEBIT, false, { phone: DEBIT.phone, amount: 15_000n })).toEqual({
      kind: 'refund',
      phone: DEBIT.phone,
      amount: 15_000n,
      month: '2026-11',
    });
  });

  it('cannot refund a payment that was never debited', () => {
    expect(decideRefund(null, false, { phone: DEBIT.phone, amount: 15_000n })).toMatchObject({
      kind: 'impossible',
      code: 'REFUND_WITHOUT_DEBIT',
    });
  });

  it('refunds at most once', () => {
    expect(decideRefund(DEBIT, true, { phone: DEBIT.phone, amount: 15_000n })).toEqual({ kind: 'already-refunded' });
  });

  it.each([
    ['another amount', { phone: DEBIT.phone, amount: 14_999n }],
    ['another wallet', { phone: '996555000002', amount: 15_000n }],
  ])('refuses a refund of %s than was debited', (_what, request) => {
    expect(decideRefund(DEBIT, false, request)).toMatchObject({ kind: 'impossible', code: 'REFUND_MISMATCH' });
  });
});
