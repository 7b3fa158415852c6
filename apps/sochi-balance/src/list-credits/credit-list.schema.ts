import { z } from 'zod';
import { phoneText, somText, timestampText } from '#platform';

/** The СОЧИ ledger lines of a payment. */
export const creditListSchema = z.object({
  items: z
    .array(
      z.object({
        inn: z.string().meta({ example: '01234567890123' }),
        organizationName: z.string(),
        paymentId: z.uuid(),
        amount: somText,
        balanceAfter: somText.meta({ description: "The organization's balance right after the credit" }),
        payerPhone: phoneText.nullable(),
        creditedAt: timestampText,
      }),
    )
    .meta({ description: 'Empty when the payment credited nothing (refused, or not yet arrived); at most one line' }),
});
export type CreditList = z.output<typeof creditListSchema>;
