import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { phone, timestamp, tyiyn } from '../wire-types.js';

export const walletNotificationKind = z.enum([
  'PAYMENT_COMPLETED',
  'PAYMENT_REFUNDED',
  'PAYMENT_REJECTED',
  'AUTOPAYMENT_REMINDER',
  'AUTOPAYMENT_FAILED',
]);

/** The wallet raised a notification for its subscriber; the integration point for an SMS or push gateway. */
export const WalletNotificationRaisedV1 = defineEvent({
  type: 'wallet.notification-raised',
  version: 1,
  producer: 'wallet',
  consumers: [],
  summary:
    'A notification for the subscriber (payment outcome, autopayment reminder or failure), with its text as MegaPay shows it.',
  schema: z.object({
    notificationId: z.string().regex(/^[1-9][0-9]{0,17}$/),
    phone,
    kind: walletNotificationKind,
    message: z.string().min(1).max(1000),
    amount: tyiyn.nullable(),
    paymentId: z.uuid().nullable(),
    autopaymentId: z.uuid().nullable(),
    raisedAt: timestamp,
  }),
});
