import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { invoiceNumber, paymentId, phone, timestamp, tyiyn } from '../wire-types.js';

/**
 * A debited ЭЦП payment is routed to the invoice it pays — by the wallet, in the debit's transaction (a routing slip:
 * the router hears of the debit with ecp-invoicing's answer).
 */
export const EcpInvoicePaymentRequestedV1 = defineEvent({
  type: 'ecp.invoice-payment-requested',
  version: 1,
  producer: 'wallet',
  consumers: ['ecp-invoicing'],
  summary:
    'Apply a debited payment to the ЭЦП invoice with this number; sent by the wallet in the same transaction as the debit.',
  schema: z.object({ paymentId, invoiceNumber, amount: tyiyn, payerPhone: phone, requestedAt: timestamp }),
});
