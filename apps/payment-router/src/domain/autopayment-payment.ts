import { MAX_AMOUNT, type Tyiyn } from '#money';
import type { PayeeSnapshot } from './payability.js';
import type { PayableServiceCode } from './payable-service.js';
import type { PaymentStage } from './payment-saga.js';

const KEY_PREFIX = 'autopayment:';
const RUN_KEY = /^autopayment:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The Idempotency-Key of the payment an autopayment run starts: one payment per run, however often it is asked. */
export function autopaymentKey(runId: string): string {
  return `${KEY_PREFIX}${runId.toLowerCase()}`;
}

/** The autopayment run a payment was started by, read back from its Idempotency-Key; null for a subscriber's own payment. */
export function autopaymentRunIdOf(idempotencyKey: string): string | null {
  return RUN_KEY.exec(idempotencyKey)?.[1] ?? null;
}

/**
 * The keys a subscriber's payment may not use, however it is asked for: one of the form autopayment:<uuid> would
 * pass for a run's payment, and its outcome would be announced as that run's instead of the subscriber's own.
 */
export const AUTOPAYMENT_KEYS = {
  test: (idempotencyKey: string) => autopaymentRunIdOf(idempotencyKey) !== null,
  message: "keys of the form autopayment:<uuid> are the wallet scheduler's; choose another key",
} as const;

export type AmountToPay =
  | { kind: 'pay'; amount: Tyiyn }
  /** An ЭЦП invoice with nothing to pay: unknown, already paid, or no longer payable. */
  | { kind: 'nothing-due'; reason: string }
  | { kind: 'amount-required' }
  | { kind: 'invalid-amount' };

/**
 * What a payment from a favorite or an autopayment pays: the amount given, else — for ЭЦП only — the invoice's amount
 * due right now. A СОЧИ top-up has no amount due, so it needs one.
 */
export function amountToPay(
  service: PayableServiceCode,
  given: Tyiyn | null,
  invoice: PayeeSnapshot | null,
): AmountToPay {
  if (given !== null)
    return given > 0n && given <= MAX_AMOUNT ? { kind: 'pay', amount: given } : { kind: 'invalid-amount' };
  if (service === 'SOCHI') return { kind: 'amount-required' };
  if (!invoice || invoice.service !== 'ECP') return { kind: 'nothing-due', reason: 'UNKNOWN_INVOICE' };
  if (invoice.status === 'EXPIRED' || invoice.status === 'CANCELLED')
    return { kind: 'nothing-due', reason: `INVOICE_${invoice.status}` };
  if (invoice.status !== 'ISSUED' || invoice.amountDue <= 0n)
    return { kind: 'nothing-due', reason: 'INVOICE_ALREADY_PAID' };
  return { kind: 'pay', amount: invoice.amountDue };
}

export type PaymentOutcomeKind = 'completed' | 'rejected' | 'refunded';

/** The outcome the router announces when a payment enters a final stage; null while it is still under way. */
export function outcomeOf(stage: PaymentStage): PaymentOutcomeKind | null {
  switch (stage) {
    case 'COMPLETED':
      return 'completed';
    case 'REJECTED':
      return 'rejected';
    case 'REFUNDED':
      return 'refunded';
    default:
      return null;
  }
}
