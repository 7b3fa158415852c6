import { describe, expect, it } from '@jest/globals';
import {
  amountDue,
  canTransition,
  currentStatus,
  decideCancellation,
  decidePayment,
  decideSignatureProduction,
  expiryOf,
  INVOICE_STATUSES,
  shouldExpire,
  type InvoiceState,
} from './invoice.js';

const PAYMENT = '7b0f3c5e-2a4d-4e8a-9f1b-3c2d1e0f9a8b';
const OTHER_PAYMENT = '0c9d8e7f-6a5b-4c3d-8e1f-0a9b8c7d6e5f';

const NOW = new Date('2026-03-10T06:00:00Z');
const LATER = new Date('2026-04-09T05:59:59.999Z');
const EXPIRY = new Date('2026-04-09T06:00:00Z');

const REGISTRATION = '5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

const issued: InvoiceState = {
  status: 'ISSUED',
  amount: 151000n,
  paymentId: null,
  expiresAt: EXPIRY,
  registrationId: REGISTRATION,
};
const paid: InvoiceState = { ...issued, status: 'PAID', paymentId: PAYMENT };
const produced: InvoiceState = { ...paid, status: 'SIGNATURE_PRODUCED' };
const failed: InvoiceState = { ...paid, status: 'PRODUCTION_FAILED' };
const expired: InvoiceState = { ...issued, status: 'EXPIRED' };
const cancelled: InvoiceState = { ...issued, status: 'CANCELLED' };

describe('the invoice lifecycle', () => {
  it('allows exactly these moves', () => {
    const allowed = INVOICE_STATUSES.flatMap((from) =>
      INVOICE_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'ISSUED→PAID',
        'ISSUED→EXPIRED',
        'ISSUED→CANCELLED',
        'PAID→SIGNATURE_PRODUCED',
        'PAID→PRODUCTION_FAILED',
        'PRODUCTION_FAILED→SIGNATURE_PRODUCED',
      ].sort(),
    );
  });

  it('expires a whole number of days after issue', () => {
    expect(expiryOf(NOW, 30)).toEqual(EXPIRY);
  });

  it('owes the whole amount while payable, then nothing', () => {
    expect(amountDue(issued, NOW)).toBe(151000n);
    expect(amountDue(issued, LATER)).toBe(151000n);
    expect(amountDue(issued, EXPIRY)).toBe(0n);
    for (const s of [paid, produced, failed, expired, cancelled]) expect(amountDue(s, NOW)).toBe(0n);
  });

  it('shows an overdue ISSUED invoice as EXPIRED before anyone has recorded it', () => {
    expect(currentStatus(issued, LATER)).toBe('ISSUED');
    expect(currentStatus(issued, EXPIRY)).toBe('EXPIRED');
    expect(currentStatus(paid, EXPIRY)).toBe('PAID');
  });

  it('is due to be expired only when ISSUED and past its expiry', () => {
    expect(shouldExpire(issued, LATER)).toBe(false);
    expect(shouldExpire(issued, EXPIRY)).toBe(true);
    for (const s of [paid, produced, failed, expired, cancelled])
      expect(shouldExpire(s, new Date('2030-01-01'))).toBe(false);
  });
});

describe('decidePayment', () => {
  const pay = (amount = 151000n, paymentId = PAYMENT) => ({ paymentId, amount });

  it('pays an issued invoice with exactly the amount due, up to the last instant before expiry', () => {
    expect(decidePayment(issued, pay(), NOW)).toEqual({ kind: 'pay', amount: 151000n });
    expect(decidePayment(issued, pay(), LATER)).toEqual({ kind: 'pay', amount: 151000n });
  });

  it('refuses an unknown invoice, with no amount due to tell', () => {
    expect(decidePayment(undefined, pay(), NOW)).toEqual({
      kind: 'refuse',
      reason: 'UNKNOWN_INVOICE',
      amountDue: null,
    });
  });

  it.each([
    ['less', 150999n],
    ['more', 151001n],
    ['nothing', 0n],
  ])('refuses %s than the amount due, telling the amount due', (_what, amount) => {
    expect(decidePayment(issued, pay(amount), NOW)).toEqual({
      kind: 'refuse',
      reason: 'AMOUNT_MISMATCH',
      amountDue: 151000n,
    });
  });

  it('expires an overdue invoice on the spot and refuses it as expired, whatever the amount', () => {
    for (const amount of [151000n, 1n]) {
      expect(decidePayment(issued, pay(amount), EXPIRY)).toEqual({
        kind: 'expire-and-refuse',
        reason: 'INVOICE_EXPIRED',
        amountDue: 0n,
      });
    }
  });

  it('refuses a recorded expiry and a cancellation with their own reasons', () => {
    expect(decidePayment(expired, pay(), NOW)).toEqual({ kind: 'refuse', reason: 'INVOICE_EXPIRED', amountDue: 0n });
    expect(decidePayment(cancelled, pay(), NOW)).toEqual({
      kind: 'refuse',
      reason: 'INVOICE_CANCELLED',
      amountDue: 0n,
    });
  });

  it.each([
    ['paid', paid],
    ['whose signature is produced', produced],
    ['whose production failed', failed],
  ])('does nothing when this payment already paid the invoice (%s), even after its expiry', (_what, invoice) => {
    expect(decidePayment(invoice, pay(), NOW)).toEqual({ kind: 'already-paid-by-this-payment' });
    expect(decidePayment(invoice, pay(), new Date('2030-01-01'))).toEqual({ kind: 'already-paid-by-this-payment' });
  });

  it.each([
    ['paid', paid],
    ['whose signature is produced', produced],
    ['whose production failed', failed],
  ])('refuses a second payment of an invoice (%s), whatever its amount', (_what, invoice) => {
    for (const amount of [151000n, 1n]) {
      expect(decidePayment(invoice, pay(amount, OTHER_PAYMENT), NOW)).toEqual({
        kind: 'refuse',
        reason: 'INVOICE_ALREADY_PAID',
        amountDue: 0n,
      });
    }
  });
});

describe('decideCancellation', () => {
  it('cancels an invoice that can still be paid', () => {
    expect(decideCancellation(issued, NOW)).toEqual({ kind: 'cancel' });
  });

  it.each([
    ['paid', paid, 'PAID'],
    ['produced', produced, 'SIGNATURE_PRODUCED'],
    ['failed in production', failed, 'PRODUCTION_FAILED'],
    ['expired', expired, 'EXPIRED'],
    ['already cancelled', cancelled, 'CANCELLED'],
  ] as const)('refuses an invoice %s', (_what, invoice, status) => {
    expect(decideCancellation(invoice, NOW)).toEqual({ kind: 'refuse', code: 'INVOICE_NOT_CANCELLABLE', status });
  });

  it('refuses an overdue invoice as expired even before the expiry is recorded', () => {
    expect(decideCancellation(issued, EXPIRY)).toEqual({
      kind: 'refuse',
      code: 'INVOICE_NOT_CANCELLABLE',
      status: 'EXPIRED',
    });
  });
});

describe('decideSignatureProduction', () => {
  it('starts production for a paid invoice', () => {
    expect(decideSignatureProduction(paid, PAYMENT)).toEqual({ kind: 'produce' });
  });

  it('does nothing once the signature is produced, however often the confirmation comes', () => {
    expect(decideSignatureProduction(produced, PAYMENT)).toEqual({ kind: 'already-produced' });
  });

  it('leaves a failed production to staff: a repeated confirmation cannot fix a bad CSR', () => {
    expect(decideSignatureProduction(failed, PAYMENT)).toEqual({ kind: 'awaiting-staff' });
  });

  it.each([
    ['an unknown invoice', undefined, PAYMENT, 'UNKNOWN_INVOICE'],
    ['an invoice not yet paid', issued, PAYMENT, 'INVOICE_NOT_PAID'],
    ['an expired invoice', expired, PAYMENT, 'INVOICE_NOT_PAID'],
    ['a cancelled invoice', cancelled, PAYMENT, 'INVOICE_NOT_PAID'],
    ['a paid invoice, for another payment', paid, OTHER_PAYMENT, 'PAYMENT_MISMATCH'],
    ['a produced invoice, for another payment', produced, OTHER_PAYMENT, 'PAYMENT_MISMATCH'],
    [
      'a paid invoice of no registration (issued by hand)',
      { ...paid, registrationId: null },
      PAYMENT,
      'INVOICE_NOT_REGISTERED',
    ],
  ] as const)('rejects a confirmation for %s', (_what, invoice, paymentId, code) => {
    expect(decideSignatureProduction(invoice, paymentId)).toMatchObject({ kind: 'reject', code });
  });
});
