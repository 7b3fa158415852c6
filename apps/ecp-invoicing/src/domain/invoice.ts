import type { Tyiyn } from '#money';

/** Where the new client registered and received the invoice. */
export const OFFICES = ['OSH', 'JALAL_ABAD', 'ONLINE'] as const;
export type Office = (typeof OFFICES)[number];

/**
 * ISSUED → PAID (payment confirmed) → SIGNATURE_PRODUCED, the path of almost every invoice. An unpaid invoice
 * EXPIRES after its time to live or is CANCELLED by staff; a paid one whose production failed for good (a bad CSR)
 * waits in PRODUCTION_FAILED until staff fix it, then goes on to SIGNATURE_PRODUCED.
 */
export const INVOICE_STATUSES = [
  'ISSUED',
  'PAID',
  'SIGNATURE_PRODUCED',
  'PRODUCTION_FAILED',
  'EXPIRED',
  'CANCELLED',
] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

const NEXT: Record<InvoiceStatus, readonly InvoiceStatus[]> = {
  ISSUED: ['PAID', 'EXPIRED', 'CANCELLED'],
  PAID: ['SIGNATURE_PRODUCED', 'PRODUCTION_FAILED'],
  PRODUCTION_FAILED: ['SIGNATURE_PRODUCED'],
  SIGNATURE_PRODUCED: [],
  EXPIRED: [],
  CANCELLED: [],
};

/** Statuses in which the invoice has been paid: the money is Dos Tek's, whatever happens to production. */
export const PAID_STATUSES: readonly InvoiceStatus[] = ['PAID', 'SIGNATURE_PRODUCED', 'PRODUCTION_FAILED'];

/**
 * Statuses in which an invoice still stands for its registration: payable, or paid (and so on its way to, or with, a
 * certificate). A registration has at most one such invoice; only once it expired or was cancelled may another be issued.
 */
export const LIVE_STATUSES: readonly InvoiceStatus[] = ['ISSUED', ...PAID_STATUSES];

/** What the invoice's decisions depend on. */
export interface InvoiceState {
  readonly status: InvoiceStatus;
  readonly amount: Tyiyn;
  /** The payment that paid the invoice; null until paid. */
  readonly paymentId: string | null;
  /** From this instant an unpaid invoice can no longer be paid. */
  readonly expiresAt: Date;
  /**
   * The registration whose product the invoice is for, and whose identity its certificate carries. Null only for
   * invoices issued by hand before every invoice had to belong to a registration.
   */
  readonly registrationId: string | null;
}

export function canTransition(from: InvoiceStatus, to: InvoiceStatus): boolean {
  return NEXT[from].includes(to);
}

/** The moment an invoice issued at `issuedAt` stops being payable. */
export function expiryOf(issuedAt: Date, ttlDays: number): Date {
  return new Date(issuedAt.getTime() + ttlDays * 86_400_000);
}

function isOverdue(invoice: InvoiceState, now: Date): boolean {
  return invoice.status === 'ISSUED' && now.getTime() >= invoice.expiresAt.getTime();
}

/**
 * The status as the client and the wallet should see it now: an ISSUED invoice past its expiry is EXPIRED even before
 * the periodic job has recorded it (the job and the next payment attempt record it).
 */
export function currentStatus(invoice: InvoiceState, now: Date): InvoiceStatus {
  return isOverdue(invoice, now) ? 'EXPIRED' : invoice.status;
}

/** What is still owed: the whole amount while the invoice can be paid, else nothing. */
export function amountDue(invoice: InvoiceState, now: Date): Tyiyn {
  return currentStatus(invoice, now) === 'ISSUED' ? invoice.amount : 0n;
}

export type PaymentRefusalReason =
  'UNKNOWN_INVOICE' | 'INVOICE_ALREADY_PAID' | 'AMOUNT_MISMATCH' | 'INVOICE_EXPIRED' | 'INVOICE_CANCELLED';

export type PaymentDecision =
  | { kind: 'pay'; amount: Tyiyn }
  | { kind: 'already-paid-by-this-payment' }
  /** The invoice ran out of time and nobody recorded it yet: record EXPIRED, then refuse. */
  | { kind: 'expire-and-refuse'; reason: 'INVOICE_EXPIRED'; amountDue: Tyiyn }
  | { kind: 'refuse'; reason: PaymentRefusalReason; amountDue: Tyiyn | null };

/**
 * What a routed wallet payment does to an invoice: pays it when it can be paid and the amount equals the amount due;
 * nothing when this very payment already paid it (a redelivery); otherwise it is refused (and the router has it
 * refunded). Expiry comes before the amount: an expired invoice is refused as expired whatever was paid.
 */
export function decidePayment(
  invoice: InvoiceState | undefined,
  payment: { paymentId: string; amount: Tyiyn },
  now: Date,
): PaymentDecision {
  if (!invoice) return { kind: 'refuse', reason: 'UNKNOWN_INVOICE', amountDue: null };
  if (invoice.paymentId !== null && invoice.paymentId === payment.paymentId)
    return { kind: 'already-paid-by-this-payment' };
  switch (invoice.status) {
    case 'EXPIRED':
      return { kind: 'refuse', reason: 'INVOICE_EXPIRED', amountDue: 0n };
    case 'CANCELLED':
      return { kind: 'refuse', reason: 'INVOICE_CANCELLED', amountDue: 0n };
    case 'PAID':
    case 'SIGNATURE_PRODUCED':
    case 'PRODUCTION_FAILED':
      return { kind: 'refuse', reason: 'INVOICE_ALREADY_PAID', amountDue: 0n };
    case 'ISSUED':
      if (isOverdue(invoice, now)) return { kind: 'expire-and-refuse', reason: 'INVOICE_EXPIRED', amountDue: 0n };
      if (payment.amount !== invoice.amount)
        return { kind: 'refuse', reason: 'AMOUNT_MISMATCH', amountDue: invoice.amount };
      return { kind: 'pay', amount: payment.amount };
  }
}

/** Whether the periodic job (or anyone) should record the invoice as EXPIRED now. */
export function shouldExpire(invoice: InvoiceState, now: Date): boolean {
  return isOverdue(invoice, now);
}

export type CancellationDecision =
  { kind: 'cancel' } | { kind: 'refuse'; code: 'INVOICE_NOT_CANCELLABLE'; status: InvoiceStatus };

/** Staff may cancel an invoice only while it can still be paid: never a paid, expired or already cancelled one. */
export function decideCancellation(invoice: InvoiceState, now: Date): CancellationDecision {
  const status = currentStatus(invoice, now);
  return status === 'ISSUED' ? { kind: 'cancel' } : { kind: 'refuse', code: 'INVOICE_NOT_CANCELLABLE', status };
}

/** Why a confirmation cannot start production: the message contradicts the invoice, so retrying cannot help. */
export type ProductionRejection =
  'UNKNOWN_INVOICE' | 'INVOICE_NOT_PAID' | 'PAYMENT_MISMATCH' | 'INVOICE_NOT_REGISTERED';

export type ProductionDecision =
  | { kind: 'produce' }
  | { kind: 'already-produced' }
  /** Production failed for good earlier; a repeated confirmation cannot fix that, only staff can (a new CSR). */
  | { kind: 'awaiting-staff' }
  | { kind: 'reject'; code: ProductionRejection; message: string };

/**
 * What a payment confirmation does: starts signature production for a PAID invoice, once; a confirmation for an
 * invoice whose signature was already produced, or whose production awaits staff, changes nothing. A certificate's
 * subject comes only from a registration, so an invoice without one (issued by hand, before that was refused) is
 * never certified: its confirmation is parked for staff.
 */
export function decideSignatureProduction(invoice: InvoiceState | undefined, paymentId: string): ProductionDecision {
  if (!invoice) return { kind: 'reject', code: 'UNKNOWN_INVOICE', message: 'no such invoice' };
  if (!PAID_STATUSES.includes(invoice.status))
    return { kind: 'reject', code: 'INVOICE_NOT_PAID', message: `the invoice is ${invoice.status}, not paid` };
  if (invoice.paymentId !== paymentId) {
    return {
      kind: 'reject',
      code: 'PAYMENT_MISMATCH',
      message: `the invoice was paid by payment ${invoice.paymentId}, not ${paymentId}`,
    };
  }
  if (invoice.status === 'SIGNATURE_PRODUCED') return { kind: 'already-produced' };
  if (invoice.status === 'PRODUCTION_FAILED') return { kind: 'awaiting-staff' };
  if (invoice.registrationId === null) {
    return {
      kind: 'reject',
      code: 'INVOICE_NOT_REGISTERED',
      message: 'the invoice belongs to no registration: nobody checked whose identity a certificate would carry',
    };
  }
  return { kind: 'produce' };
}
