import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { invoiceNumber, paymentId, phone, timestamp, tyiyn } from '../wire-types.js';

/** A debited ЭЦП payment is routed to the invoice it pays. */
export const EcpInvoicePaymentRequestedV1 = defineEvent({
  type: 'ecp.invoice-payment-requested',
  version: 1,
  producer: 'payment-router',
  consumers: ['ecp-invoicing'],
  summary: 'Apply a debited payment to the ЭЦП invoice with this number.',
  schema: z.object({ paymentId, invoiceNumber, amount: tyiyn, payerPhone: phone, requestedAt: timestamp }),
});
