import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { inn, paymentId, phone, timestamp, tyiyn } from '../wire-types.js';

/**
 * A debited СОЧИ payment is routed to the organization's СОЧИ balance — by the wallet, in the debit's transaction (a
 * routing slip: the router hears of the debit with sochi-balance's answer, one hop fewer before the money lands).
 */
export const SochiTopUpRequestedV1 = defineEvent({
  type: 'sochi.top-up-requested',
  version: 1,
  producer: 'wallet',
  consumers: ['sochi-balance'],
  summary:
    'Credit a debited payment to the СОЧИ balance of the organization with this INN; sent by the wallet in the same transaction as the debit.',
  schema: z.object({ paymentId, inn, amount: tyiyn, payerPhone: phone, requestedAt: timestamp }),
});
