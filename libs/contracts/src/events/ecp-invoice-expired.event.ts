import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { invoiceNumber, timestamp } from '../wire-types.js';

/** An unpaid invoice ran out of time: it can no longer be paid, and a payment for it is refused and refunded. */
export const EcpInvoiceExpiredV1 = defineEvent({
  type: 'ecp.invoice-expired',
  version: 1,
  producer: 'ecp-invoicing',
  consumers: [],
  summary: 'An unpaid ЭЦП invoice expired (its time to live passed); payments for it are refused as INVOICE_EXPIRED.',
  schema: z.object({ invoiceNumber, expiresAt: timestamp, expiredAt: timestamp }),
});
