import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { paymentId, phone, timestamp, tyiyn } from '../wire-types.js';

/** The payee refused a debited payment; the wallet is asked to give the money back. */
export const PaymentRefundRequestedV1 = defineEvent({
  type: 'payment.refund-requested',
  version: 1,
  producer: 'payment-router',
  consumers: ['wallet'],
  summary: 'A debited payment could not be delivered; the wallet should refund it (at most once).',
  schema: z.object({ paymentId, phone, amount: tyiyn, reason: z.string().min(1), requestedAt: timestamp }),
});
