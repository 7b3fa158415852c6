import { z } from 'zod';
import { parseSom } from '#money';
import { INN_PATTERN } from '../domain/inn.js';
import { OFFICES } from '../domain/invoice.js';

const AMOUNT_ERRORS = {
  NOT_A_DECIMAL: 'an amount is a decimal string of som with at most two places, e.g. "1510.00"',
  NOT_POSITIVE: 'an amount is more than zero',
  TOO_LARGE: 'an amount is at most 1000000.00',
} as const;

export const issueInvoiceRequest = z.object({
  clientName: z.string().trim().min(1).max(300),
  inn: z.string().regex(INN_PATTERN, 'an INN is 14 digits'),
  office: z.enum(OFFICES),
  amount: z
    .string()
    .describe('som with two decimal places, e.g. "1510.00"')
    .transform((text, ctx) => {
      const parsed = parseSom(text);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: 'custom', message: AMOUNT_ERRORS[parsed.error], params: { code: 'INVALID_AMOUNT' } });
      return z.NEVER;
    }),
});
export type IssueInvoiceRequest = z.infer<typeof issueInvoiceRequest>;
