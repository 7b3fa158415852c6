import { z } from 'zod';
import { phoneText, somText, timestampText } from '#platform';

/** The answer of a top-up, also of its retry with the same Idempotency-Key. */
export const topUpSchema = z.object({
  id: z.string(),
  phone: phoneText,
  amount: somText,
  balanceAfter: somText,
  createdAt: timestampText,
});
export type TopUpAnswer = z.output<typeof topUpSchema>;
