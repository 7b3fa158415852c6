import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { payableService, paymentId, phone, timestamp, tyiyn } from '../wire-types.js';

/**
 * A payment has not reached a final state within PAYMENT_STUCK_AFTER_S of its request: raised once per payment, for
 * operators and the back office (alerting, the stuck payments list). Nothing in the flow consumes it: the payment
 * itself goes on as before, and completes, is rejected or refunded as usual if the awaited service answers later.
 */
export const PaymentStuckV1 = defineEvent({
  type: 'payment.stuck',
  version: 1,
  producer: 'payment-router',
  consumers: [],
  summary:
    'A payment is still not final PAYMENT_STUCK_AFTER_S after it was requested; stage and waitingFor say which step and which service it waits for. Once per payment, for operators and the back office.',
  schema: z.object({
    paymentId,
    phone,
    service: payableService,
    account: z.string().min(1).max(32),
    amount: tyiyn,
    stage: z.enum(['AWAITING_DEBIT', 'AWAITING_PAYEE', 'AWAITING_REFUND']),
    waitingFor: z.enum(['wallet', 'sochi-balance', 'ecp-invoicing']),
    /** When the payment entered the stage it is stuck in. */
    stageSince: timestamp,
    requestedAt: timestamp,
    noticedAt: timestamp,
  }),
});
