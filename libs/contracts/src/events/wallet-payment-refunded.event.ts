import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { paymentId, phone, timestamp, tyiyn } from '../wire-types.js';

/** The wallet returned a payment's money to the subscriber. */
export const WalletPaymentRefundedV1 = defineEvent({
  type: 'wallet.payment-refunded',
  version: 1,
  producer: 'wallet',
  consumers: ['payment-router'],
  summary: 'The wallet credited the payment amount back to the subscriber.',
  schema: z.object({ paymentId, phone, amount: tyiyn, refundedAt: timestamp }),
});
