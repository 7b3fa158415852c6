import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { inn, paymentId, phone, timestamp, tyiyn } from '../wire-types.js';

/** A debited СОЧИ payment is routed to the organization's СОЧИ balance. */
export const SochiTopUpRequestedV1 = defineEvent({
  type: 'sochi.top-up-requested',
  version: 1,
  producer: 'payment-router',
  consumers: ['sochi-balance'],
  summary: 'Credit a debited payment to the СОЧИ balance of the organization with this INN.',
  schema: z.object({ paymentId, inn, amount: tyiyn, payerPhone: phone, requestedAt: timestamp }),
});
