import { z } from 'zod';
import { phoneText, somText, timestampText } from '#platform';

/** The answer of GET /v1/sochi/organizations/{inn}: the СОЧИ balance, what waits for it, the newest credits. */
export const organizationSchema = z.object({
  inn: z.string().meta({ example: '01234567890123' }),
  name: z.string().meta({ example: 'ОсОО «Пример»' }),
  balance: somText,
  createdAt: timestampText,
  awaitingPayment: z.object({
    reports: z.number().int().min(0).meta({ description: 'Report charges waiting for the balance to cover them' }),
    total: somText,
  }),
  credits: z
    .array(
      z.object({
        paymentId: z.uuid(),
        amount: somText,
        balanceAfter: somText,
        payerPhone: phoneText,
        creditedAt: timestampText,
      }),
    )
    .meta({ description: 'Newest first, at most ?limit' }),
});
export type Organization = z.output<typeof organizationSchema>;
