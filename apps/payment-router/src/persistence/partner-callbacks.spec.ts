import { describe, expect, it } from '@jest/globals';
import { partnerCallbackOf, retryDelayMs } from './partner-callbacks.js';

const FINAL_AT = new Date('2026-03-01T10:00:00.000Z');
const payment = {
  id: '7d0c6f43-58c6-4b4e-9a5b-0d1d2f3e4a5b',
  service: 'SOCHI',
  account: '01234567890123',
  amount: 15000n,
};

describe('partnerCallbackOf: the final status as the partner receives it', () => {
  it('tells a completed payment without a reason, the amount in som', () => {
    const { paymentId, body } = partnerCallbackOf({ ...payment, stage: 'COMPLETED', reason: null, finalAt: FINAL_AT });
    expect(paymentId).toBe(payment.id);
    expect(JSON.parse(body)).toEqual({
      paymentId: payment.id,
      status: 'COMPLETED',
      service: 'SOCHI',
      account: '01234567890123',
      amount: '150.00',
      finalAt: '2026-03-01T10:00:00.000Z',
    });
  });

  it('tells why a payment was rejected or refunded', () => {
    const rejected = partnerCallbackOf({
      ...payment,
      stage: 'REJECTED',
      reason: 'INSUFFICIENT_FUNDS',
      finalAt: FINAL_AT,
    });
    expect(JSON.parse(rejected.body)).toMatchObject({ status: 'REJECTED', reason: 'INSUFFICIENT_FUNDS' });
    const refunded = partnerCallbackOf({ ...payment, stage: 'REFUNDED', reason: 'UNKNOWN_INN', finalAt: FINAL_AT });
    expect(JSON.parse(refunded.body)).toMatchObject({ status: 'REFUNDED', reason: 'UNKNOWN_INN' });
  });

  it('refuses a payment still under way', () => {
    expect(() => partnerCallbackOf({ ...payment, stage: 'AWAITING_PAYEE', reason: null, finalAt: FINAL_AT })).toThrow();
  });
});

describe('retryDelayMs: exponential backoff with a cap', () => {
  it('doubles from the first pause and stops at the cap', () => {
    expect([1, 2, 3, 4, 8, 20, 1000].map((n) => retryDelayMs(n, 500, 60_000))).toEqual([
      500, 1000, 2000, 4000, 60_000, 60_000, 60_000,
    ]);
  });
});
