import { currentStatus, LIVE_STATUSES, shouldExpire, type InvoiceState, type InvoiceStatus } from './invoice.js';

/** One of a registration's invoices, as the re-issue decision sees it. */
export interface RegistrationInvoice {
  readonly number: string;
  readonly state: InvoiceState;
}

export type ReissueDecision =
  /** Issue a new invoice; first record the expiry of those overdue invoices nobody recorded yet. */
  | { kind: 'issue'; expireFirst: string[] }
  | { kind: 'refuse'; code: 'REGISTRATION_HAS_LIVE_INVOICE'; invoiceNumber: string; invoiceStatus: InvoiceStatus };

/**
 * Staff issue a registration a new invoice when the one it had can no longer be paid (expired or cancelled). While it
 * has an invoice that can be paid, or was paid (whatever became of production), it gets no other: one registration,
 * one payment, at most one certificate.
 */
export function decideReissue(invoices: readonly RegistrationInvoice[], now: Date): ReissueDecision {
  for (const invoice of invoices) {
    const status = currentStatus(invoice.state, now);
    if (LIVE_STATUSES.includes(status))
      return {
        kind: 'refuse',
        code: 'REGISTRATION_HAS_LIVE_INVOICE',
        invoiceNumber: invoice.number,
        invoiceStatus: status,
      };
  }
  return { kind: 'issue', expireFirst: invoices.filter((i) => shouldExpire(i.state, now)).map((i) => i.number) };
}
