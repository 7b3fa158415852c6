import { describe, expect, it } from '@jest/globals';
import { amountDue, canTransition, decidePayment, decideSignatureProduction, INVOICE_STATUSES, type InvoiceState } from './invoice.js';

const PAYMENT = '7b0f3c5e-2a4d-4e8a-9f1b-3c2d1e0f9a8b';
const OTHER_PAYMENT = '0c9d8e7f-6a5b-4c3d-8e1f-0a9b8c7d6e5f';

const issued: InvoiceState = { status: 'ISSUED', amount: 151000n, paymentId: null };
const paid: InvoiceState = { status: 'PAID', amount: 151000n, paymentId: PAYMENT };
const produced: InvoiceState = { status: 'SIGNATURE_PRODUCED', amount: 151000n, paymentId: PAYMENT };

describe('the invoice lifecycle', () => {
  it('moves only forward, one step at a time', () => {
    const allowed = INVOICE_STATUSES.flatMap((from) => INVOICE_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual(['ISSUED→PAID', 'PAID→SIGNATURE_PRODUCED']);
  });

  it('owes the whole amount until paid, then nothing', () => {
    expect(amountDue(issued)).toBe(151000n);
    expect(amountDue(paid)).toBe(0n);
    expect(amountDue(produced)).toBe(0n);
  });
});

describe('decidePayment', () => {
  it('pays an issued invoice with exactly the amount due', () => {
    expect(decidePayment(issued, { paymentId: PAYMENT, amount: 151000n })).toEqual({ kind: 'pay', amount: 151000n });
  });

  it('refuses an unknown invoice, with no amount due to tell', () => {
    expect(decidePayment(undefined, { paymentId: PAYMENT, amount: 151000n })).toEqual({ kind: 'refuse', reason: 'UNKNOWN_INVOICE', amountDue: null });
  });

  it.each([
    ['less', 150999n],
    ['more', 151001n],
    ['nothing', 0n],
  ])('refuses %s than the amount due, telling the amount due', (_what, amount) => {
    expect(decidePayment(issued, { paymentId: PAYMENT, amount })).toEqual({ kind: 'refuse', reason: 'AMOUNT_MISMATCH', amountDue: 151000n });
  });

  it.each([
    ['paid', paid],
    ['whose signature is produced', produced],
  ])('does nothing when this payment already paid the invoice (%s)', (_what, invoice) => {
    expect(decidePayment(invoice, { paymentId: PAYMENT, amount: 151000n })).toEqual({ kind: 'already-paid-by-this-payment' });
  });

  it.each([
    ['paid', paid],
    ['whose signature is produced', produced],
  ])('refuses a second payment of an invoice (%s), whatever its amount', (_what, invoice) => {
    for (const amount of [151000n, 1n]) {
      expect(decidePayment(invoice, { paymentId: OTHER_PAYMENT, amount })).toEqual({ kind: 'refuse', reason: 'INVOICE_ALREADY_PAID', amountDue: 0n });
    }
  });
});

describe('decideSignatureProduction', () => {
  it('starts production for a paid invoice', () => {
    expect(decideSignatureProduction(paid, PAYMENT)).toEqual({ kind: 'produce' });
  });

  it('does nothing once the signature is produced, however often the confirmation comes', () => {
    expect(decideSignatureProduction(produced, PAYMENT)).toEqual({ kind: 'already-produced' });
  });

  it.each([
    ['an unknown invoice', undefined, PAYMENT, 'UNKNOWN_INVOICE'],
    ['an invoice not yet paid', issued, PAYMENT, 'INVOICE_NOT_PAID'],
    ['a paid invoice, for another payment', paid, OTHER_PAYMENT, 'PAYMENT_MISMATCH'],
    ['a produced invoice, for another payment', produced, OTHER_PAYMENT, 'PAYMENT_MISMATCH'],
  ] as const)('rejects a confirmation for %s', (_what, invoice, paymentId, code) => {
    expect(decideSignatureProduction(invoice, paymentId)).toMatchObject({ kind: 'reject', code });
  });
});
