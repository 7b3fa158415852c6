import { describe, expect, it } from '@jest/globals';
import { amountToPay, AUTOPAYMENT_KEYS, autopaymentKey, autopaymentRunIdOf, outcomeOf } from './autopayment-payment.js';

const RUN = '6f1c2a4e-0b7d-4c55-9a3e-2d8f1b0c9e71';
const invoice = (status: string, amountDue = 151_000n) => ({
  service: 'ECP' as const,
  clientName: 'ИП Асанов',
  status,
  amountDue,
});

describe('autopayment keys', () => {
  it('round-trips a run id through the Idempotency-Key', () => {
    expect(autopaymentKey(RUN)).toBe(`autopayment:${RUN}`);
    expect(autopaymentRunIdOf(autopaymentKey(RUN))).toBe(RUN);
  });
  it.each(['3f0a…', RUN, `autopayment:${RUN}x`, `xautopayment:${RUN}`, 'autopayment:'])(
    'reads no run from %j',
    (key) => {
      expect(autopaymentRunIdOf(key)).toBeNull();
    },
  );
  it("reserves exactly the keys a run is read back from, for no subscriber's request to take", () => {
    expect(AUTOPAYMENT_KEYS.test(autopaymentKey(RUN))).toBe(true);
    for (const key of ['3f0a…', RUN, `autopayment:${RUN}x`, 'autopayment:'])
      expect(AUTOPAYMENT_KEYS.test(key)).toBe(false);
  });
});

describe('amountToPay', () => {
  it('pays the amount given, for either service', () => {
    expect(amountToPay('SOCHI', 5_000n, null)).toEqual({ kind: 'pay', amount: 5_000n });
    expect(amountToPay('ECP', 100n, invoice('ISSUED'))).toEqual({ kind: 'pay', amount: 100n });
    expect(amountToPay('SOCHI', 0n, null)).toEqual({ kind: 'invalid-amount' });
  });
  it("pays an ЭЦП invoice's amount due when no amount is given", () => {
    expect(amountToPay('ECP', null, invoice('ISSUED'))).toEqual({ kind: 'pay', amount: 151_000n });
  });
  it('has nothing to pay on an unknown, paid or lapsed invoice', () => {
    expect(amountToPay('ECP', null, null)).toEqual({ kind: 'nothing-due', reason: 'UNKNOWN_INVOICE' });
    expect(amountToPay('ECP', null, invoice('PAID'))).toEqual({ kind: 'nothing-due', reason: 'INVOICE_ALREADY_PAID' });
    expect(amountToPay('ECP', null, invoice('SIGNATURE_PRODUCED'))).toEqual({
      kind: 'nothing-due',
      reason: 'INVOICE_ALREADY_PAID',
    });
    expect(amountToPay('ECP', null, invoice('EXPIRED'))).toEqual({ kind: 'nothing-due', reason: 'INVOICE_EXPIRED' });
  });
  it('needs an amount for СОЧИ', () => {
    expect(amountToPay('SOCHI', null, null)).toEqual({ kind: 'amount-required' });
  });
});

describe('outcomeOf', () => {
  it('announces only the final stages', () => {
    expect(
      ['AWAITING_DEBIT', 'AWAITING_PAYEE', 'AWAITING_REFUND', 'COMPLETED', 'REJECTED', 'REFUNDED'].map((s) =>
        outcomeOf(s as never),
      ),
    ).toEqual([null, null, null, 'completed', 'rejected', 'refunded']);
  });
});
