import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { inn, paymentId, timestamp } from '../wire-types.js';

export const sochiRefusalReason = z.enum(['UNKNOWN_INN']);

/** СОЧИ could not take the payment; the router will have it refunded. */
export const SochiTopUpRefusedV1 = defineEvent({
  type: 'sochi.top-up-refused',
  version: 1,
  producer: 'sochi-balance',
  consumers: ['payment-router'],
  summary: 'No СОЧИ balance could take the payment (no organization with this INN).',
  schema: z.object({ paymentId, inn, reason: sochiRefusalReason, refusedAt: timestamp }),
});
