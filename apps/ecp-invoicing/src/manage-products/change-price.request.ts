import { z } from 'zod';
import { PRODUCT_CODE_PATTERN } from '../domain/product.js';
import { coded, somAmountField } from '#platform';

export const changePriceRequest = z
  .object({ price: somAmountField('INVALID_PRICE', '1510.00') })
  .meta({ example: { price: '1510.00' } });
export type ChangePriceRequest = z.infer<typeof changePriceRequest>;

export const productCodeParam = z
  .string()
  .refine(
    ...coded<string>('INVALID_PRODUCT_CODE', 'a product code such as DIRECTOR_CLOUD', (v) =>
      PRODUCT_CODE_PATTERN.test(v),
    ),
  );
