import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { paymentId, phone, timestamp, tyiyn } from '../wire-types.js';

/** The wallet debited a payment; the router routes it to the payee service. */
export const WalletPaymentDebitedV1 = defineEvent({
  type: 'wallet.payment-debited',
  version: 1,
  producer: 'wallet',
  consumers: ['payment-router'],
  summary: "The wallet debited the payment amount from the subscriber's balance.",
  schema: z.object({ paymentId, phone, amount: tyiyn, debitedAt: timestamp }),
});
