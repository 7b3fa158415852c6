import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { payableService, paymentId, phone, timestamp, tyiyn } from '../wire-types.js';
import { paymentOutcomeReason } from './payment-rejected.event.js';

/** A payment ended REFUNDED: it was debited, the payee refused it, and the wallet got the money back. */
export const PaymentRefundedV1 = defineEvent({
  type: 'payment.refunded',
  version: 1,
  producer: 'payment-router',
  consumers: ['wallet'],
  summary: 'The payment was refused by the payee (reason) and refunded to the wallet.',
  schema: z.object({
    paymentId,
    autopaymentRunId: z.uuid().nullable(),
    phone,
    service: payableService,
    account: z.string().min(1).max(32),
    amount: tyiyn,
    reason: paymentOutcomeReason,
    refundedAt: timestamp,
  }),
});
