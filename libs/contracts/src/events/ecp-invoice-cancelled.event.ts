import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { invoiceNumber, timestamp } from '../wire-types.js';

/** Staff cancelled an unpaid invoice, with their reason; a payment for it is refused and refunded. */
export const EcpInvoiceCancelledV1 = defineEvent({
  type: 'ecp.invoice-cancelled',
  version: 1,
  producer: 'ecp-invoicing',
  consumers: [],
  summary: 'Staff cancelled an unpaid ЭЦП invoice; payments for it are refused as INVOICE_CANCELLED.',
  schema: z.object({ invoiceNumber, reason: z.string().min(1).max(500), cancelledAt: timestamp }),
});
