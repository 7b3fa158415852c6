import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { invoiceNumber, paymentId, timestamp, tyiyn } from '../wire-types.js';

/** The invoice's payment is confirmed: the payment is complete and signature production may start. */
export const EcpInvoicePaidV1 = defineEvent({
  type: 'ecp.invoice-paid',
  version: 1,
  producer: 'ecp-invoicing',
  consumers: ['payment-router', 'ecp-invoicing'],
  summary: 'The ЭЦП invoice is paid and the payment confirmed; this starts signature production.',
  schema: z.object({ paymentId, invoiceNumber, amount: tyiyn, paidAt: timestamp }),
});
