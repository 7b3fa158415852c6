import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { paymentId, phone, timestamp, tyiyn } from '../wire-types.js';

/** The wallet debited an ЭЦП payment; the router routes it to the payee service (a СОЧИ one goes straight to sochi-balance). */
export const WalletPaymentDebitedV1 = defineEvent({
  type: 'wallet.payment-debited',
  version: 1,
  producer: 'wallet',
  consumers: ['payment-router'],
  summary:
    "The wallet debited the payment amount from the subscriber's balance (ЭЦП payments: a СОЧИ payment's debit is told by sochi.top-up-requested.v1).",
  schema: z.object({ paymentId, phone, amount: tyiyn, debitedAt: timestamp }),
});
