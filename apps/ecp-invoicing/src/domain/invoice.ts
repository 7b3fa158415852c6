import type { Tyiyn } from '#money';

/** Where the new client registered and received the invoice. */
export const OFFICES = ['OSH', 'JALAL_ABAD', 'ONLINE'] as const;
export type Office = (typeof OFFICES)[number];

/** ISSUED → PAID (payment confirmed) → SIGNATURE_PRODUCED; no other moves exist. */
export const INVOICE_STATUSES = ['ISSUED', 'PAID', 'SIGNATURE_PRODUCED'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

const NEXT: Record<InvoiceStatus, InvoiceStatus | null> = { ISSUED: 'PAID', PAID: 'SIGNATURE_PRODUCED', SIGNATURE_PRODUCED: null };

/** What the invoice's decisions depend on. */
export interface InvoiceState {
  readonly status: InvoiceStatus;
  readonly amount: Tyiyn;
  /** The payment that paid the invoice; null while ISSUED. */
  readonly paymentId: string | null;
}

export function canTransition(from: InvoiceStatus, to: InvoiceStatus): boolean {
  return NEXT[from] === to;
}

/** What is still owed: the whole amount until paid, then nothing. */
export function amountDue(invoice: InvoiceState): Tyiyn {
  return invoice.status === 'ISSUED' ? invoice.amount : 0n;
}

export type PaymentRefusalReason = 'UNKNOWN_INVOICE' | 'INVOICE_ALREADY_PAID' | 'AMOUNT_MISMATCH';

export type PaymentDecision =
  | { kind: 'pay'; amount: Tyiyn }
  | { kind: 'already-paid-by-this-payment' }
  | { kind: 'refuse'; reason: PaymentRefusalReason; amountDue: Tyiyn | null };

/**
 * What a routed wallet payment does to an invoice: pays it when the amount equals the amount due; nothing when
 * this very payment already paid it (a redelivery); otherwise it is refused (and the router has it refunded).
 */
export function decidePayment(invoice: InvoiceState | undefined, payment: { paymentId: string; amount: Tyiyn }): PaymentDecision {
  if (!invoice) return { kind: 'refuse', reason: 'UNKNOWN_INVOICE', amountDue: null };
  if (invoice.status !== 'ISSUED') {
    if (invoice.paymentId === payment.paymentId) return { kind: 'already-paid-by-this-payment' };
    return { kind: 'refuse', reason: 'INVOICE_ALREADY_PAID', amountDue: amountDue(invoice) };
  }
  if (payment.amount !== invoice.amount) return { kind: 'refuse', reason: 'AMOUNT_MISMATCH', amountDue: amountDue(invoice) };
  return { kind: 'pay', amount: payment.amount };
}

/** Why a confirmation cannot start production: the message contradicts the invoice, so retrying cannot help. */
export type ProductionRejection = 'UNKNOWN_INVOICE' | 'INVOICE_NOT_PAID' | 'PAYMENT_MISMATCH';

export type ProductionDecision =
  | { kind: 'produce' }
  | { kind: 'already-produced' }
  | { kind: 'reject'; code: ProductionRejection; message: string };

/**
 * What a payment confirmation does: starts signature production for a PAID invoice, once; a confirmation for an
 * invoice whose signature was already produced changes nothing.
 */
export function decideSignatureProduction(invoice: InvoiceState | undefined, paymentId: string): ProductionDecision {
  if (!invoice) return { kind: 'reject', code: 'UNKNOWN_INVOICE', message: 'no such invoice' };
  if (invoice.status === 'ISSUED') return { kind: 'reject', code: 'INVOICE_NOT_PAID', message: 'the invoice is not paid' };
  if (invoice.paymentId !== paymentId) {
    return { kind: 'reject', code: 'PAYMENT_MISMATCH', message: `the invoice was paid by payment ${invoice.paymentId}, not ${paymentId}` };
  }
  if (invoice.status === 'SIGNATURE_PRODUCED') return { kind: 'already-produced' };
  return { kind: 'produce' };
}
