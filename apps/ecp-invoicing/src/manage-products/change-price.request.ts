import { z } from 'zod';
import { parseSom } from '#money';
import { PRODUCT_CODE_PATTERN } from '../domain/product.js';
import { coded } from '#platform';

const PRICE_ERRORS = {
  NOT_A_DECIMAL: 'a price is a decimal string of som with at most two places, e.g. "1510.00"',
  NOT_POSITIVE: 'a price is more than zero',
  TOO_LARGE: 'a price is at most 1000000.00',
} as const;

export const changePriceRequest = z
  .object({
    price: z
      .string()
      .describe('som with two decimal places, e.g. "1510.00"')
      .transform((text, ctx) => {
        const parsed = parseSom(text);
        if (parsed.ok) return parsed.value;
        ctx.addIssue({ code: 'custom', message: PRICE_ERRORS[parsed.error], params: { code: 'INVALID_PRICE' } });
        return z.NEVER;
      }),
  })
  .meta({ example: { price: '1510.00' } });
export type ChangePriceRequest = z.infer<typeof changePriceRequest>;

export const productCodeParam = z
  .string()
  .refine(
    ...coded<string>('INVALID_PRODUCT_CODE', 'a product code such as DIRECTOR_CLOUD', (v) =>
      PRODUCT_CODE_PATTERN.test(v),
    ),
  );
