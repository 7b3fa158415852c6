import { z } from 'zod';
import { phoneText, somText } from '#platform';

/** The answer of POST /v1/payments/check: whether the payment would go through now, and why not. */
export const paymentCheckSchema = z.object({
  payable: z.boolean(),
  problems: z
    .array(
      z.object({
        code: z.string().meta({ example: 'INSUFFICIENT_FUNDS' }),
        message: z.string().nullable().meta({ description: 'As the subscriber reads it' }),
      }),
    )
    .meta({ description: 'Every reason the payment would be rejected now; empty when payable' }),
  phone: phoneText,
  service: z.enum(['SOCHI', 'ECP']),
  account: z.string().meta({ example: '01234567890123' }),
  amount: somText,
  holderName: z
    .string()
    .nullable()
    .meta({ description: 'The organization (СОЧИ) or the ЭЦП client the account belongs to; null when unknown' }),
  amountDue: somText.nullable().meta({ description: 'ЭЦП: what the invoice still asks for; null for СОЧИ' }),
  wallet: z
    .object({ balance: somText, availableThisMonth: somText })
    .nullable()
    .meta({ description: 'null when the phone has no wallet' }),
});
export type PaymentCheck = z.output<typeof paymentCheckSchema>;
