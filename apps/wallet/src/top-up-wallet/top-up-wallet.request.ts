import { z } from 'zod';
import { parseSom, type AmountError } from '#money';

const AMOUNT_PROBLEMS: Record<AmountError, string> = {
  NOT_A_DECIMAL: 'an amount is a decimal string in som with at most two places, such as "150.00"',
  NOT_POSITIVE: 'an amount is more than zero',
  TOO_LARGE: 'an amount is at most 1000000.00',
};

/** Som as a decimal string (never a JSON number), held as tyiyn once parsed. */
export const topUpRequest = z.object({
  amount: z
    .string({ error: AMOUNT_PROBLEMS.NOT_A_DECIMAL })
    .transform((text, ctx) => {
      const parsed = parseSom(text);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({
        code: 'custom',
        message: AMOUNT_PROBLEMS[parsed.error],
        params: { code: 'INVALID_AMOUNT', reason: parsed.error },
      });
      return z.NEVER;
    })
    .meta({ description: 'Som, a decimal string with at most two places', example: '150.00' }),
});
export type TopUpRequest = z.infer<typeof topUpRequest>;
