import { z } from 'zod';
import { parseSom } from '#money';
import { accountError } from '../domain/payable-service.js';

const AMOUNT_ERRORS = {
  NOT_A_DECIMAL: 'a decimal string with at most two places, e.g. "150.00"',
  NOT_POSITIVE: 'must be more than 0',
  TOO_LARGE: 'must be at most 1000000.00',
};

/** The body of `check` and `pay`: the account must fit the service; the amount is a decimal string of som. */
export const paymentRequestSchema = z
  .object({
    phone: z
      .string()
      .regex(/^996[0-9]{9}$/, 'a Megacom phone: 996 and 9 digits')
      .meta({ example: '996555000001' }),
    service: z.enum(['SOCHI', 'ECP']),
    account: z.string().max(64).meta({
      description: 'СОЧИ: the 14-digit INN; ЭЦП: the 16-digit invoice number (Luhn check digit)',
      example: '01234567890123',
    }),
    amount: z
      .string()
      .max(32)
      .meta({ description: 'Som, a decimal string with at most two places (never a JSON number)', example: '150.00' }),
  })
  .strict()
  .superRefine((v, ctx) => {
    const parsed = parseSom(v.amount);
    if (!parsed.ok)
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: AMOUNT_ERRORS[parsed.error],
        params: { code: 'INVALID_AMOUNT' },
      });
    const accountCode = accountError(v.service, v.account);
    if (accountCode) {
      ctx.addIssue({
        code: 'custom',
        path: ['account'],
        message:
          v.service === 'SOCHI'
            ? 'an INN of 14 digits'
            : 'an invoice number: 16 digits, the last a check digit (a typo is caught here)',
        params: { code: accountCode },
      });
    }
  })
  .meta({ example: { phone: '996555000001', service: 'SOCHI', account: '01234567890123', amount: '150.00' } })
  .transform((v) => ({ ...v, amount: (parseSom(v.amount) as { value: bigint }).value }));

export type PaymentRequestBody = z.output<typeof paymentRequestSchema>;
