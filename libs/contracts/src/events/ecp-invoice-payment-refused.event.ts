import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { invoiceNumber, paymentId, timestamp, tyiyn } from '../wire-types.js';

export const ecpRefusalReason = z.enum([
  'UNKNOWN_INVOICE',
  'INVOICE_ALREADY_PAID',
  'AMOUNT_MISMATCH',
  'INVOICE_EXPIRED',
  'INVOICE_CANCELLED',
]);

/** The invoice cannot take the payment; the router will have it refunded. */
export const EcpInvoicePaymentRefusedV1 = defineEvent({
  type: 'ecp.invoice-payment-refused',
  version: 1,
  producer: 'ecp-invoicing',
  consumers: ['payment-router'],
  summary:
    'The ЭЦП invoice refused the payment (unknown, already paid, expired, cancelled, or amount not equal to the amount due).',
  schema: z.object({
    paymentId,
    invoiceNumber,
    reason: ecpRefusalReason,
    amountDue: tyiyn.nullable(),
    refusedAt: timestamp,
  }),
});
