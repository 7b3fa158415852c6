import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { payableService, phone, timestamp, tyiyn } from '../wire-types.js';

/** A stable reason code such as INSUFFICIENT_FUNDS; open-ended so that a new reason is not a breaking change. */
export const paymentOutcomeReason = z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/);

/** A payment ended REJECTED: nothing was debited. */
export const PaymentRejectedV1 = defineEvent({
  type: 'payment.rejected',
  version: 1,
  producer: 'payment-router',
  consumers: ['wallet'],
  summary:
    'The payment ended rejected and nothing was debited (wallet reasons; for an autopayment run whose ЭЦП amount could not be ' +
    'resolved, UNKNOWN_INVOICE or INVOICE_ALREADY_PAID with paymentId and amount null: no payment was created).',
  schema: z.object({
    paymentId: z.uuid().nullable(),
    autopaymentRunId: z.uuid().nullable(),
    phone,
    service: payableService,
    account: z.string().min(1).max(32),
    amount: tyiyn.nullable(),
    reason: paymentOutcomeReason,
    rejectedAt: timestamp,
  }),
});
