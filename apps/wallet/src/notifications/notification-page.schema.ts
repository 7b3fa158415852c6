import { z } from 'zod';
import { walletNotificationKind } from '#contracts';
import { somText, timestampText } from '#platform';

/** A page of the subscriber's notifications, newest first. */
export const notificationPageSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      kind: walletNotificationKind,
      message: z.string().meta({ description: 'As the subscriber reads it' }),
      amount: somText.nullable(),
      paymentId: z.uuid().nullable(),
      autopaymentId: z.uuid().nullable(),
      createdAt: timestampText,
    }),
  ),
  nextBefore: z.string().nullable().meta({ description: 'The ?before of the next page; null on the last' }),
});
export type NotificationPage = z.output<typeof notificationPageSchema>;
