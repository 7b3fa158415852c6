import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { paymentId, phone, timestamp } from '../wire-types.js';

export const walletRejectionReason = z.enum(['INSUFFICIENT_FUNDS', 'MONTHLY_LIMIT_EXCEEDED', 'WALLET_NOT_FOUND']);

/** The wallet could not cover a payment; nothing was debited. */
export const WalletPaymentRejectedV1 = defineEvent({
  type: 'wallet.payment-rejected',
  version: 1,
  producer: 'wallet',
  consumers: ['payment-router'],
  summary: 'The wallet refused to debit the payment (balance, monthly limit or no wallet); nothing was debited.',
  schema: z.object({ paymentId, phone, reason: walletRejectionReason, rejectedAt: timestamp }),
});
