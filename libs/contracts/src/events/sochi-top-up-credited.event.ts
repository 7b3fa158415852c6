import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { inn, paymentId, timestamp, tyiyn } from '../wire-types.js';

/** The organization's СОЧИ balance was credited. */
export const SochiTopUpCreditedV1 = defineEvent({
  type: 'sochi.top-up-credited',
  version: 1,
  producer: 'sochi-balance',
  consumers: ['payment-router'],
  summary: "The payment was credited to the organization's СОЧИ balance.",
  schema: z.object({ paymentId, inn, amount: tyiyn, creditedAt: timestamp }),
});
