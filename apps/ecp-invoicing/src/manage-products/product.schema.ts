import { z } from 'zod';
import { somText, timestampText } from '#platform';
import { KEY_STORAGES } from '../domain/product.js';

/** An ЭЦП product with its current price. */
export const productSchema = z.object({
  code: z.string().meta({ example: 'DIRECTOR_CLOUD' }),
  name: z.string(),
  keyStorage: z.enum(KEY_STORAGES),
  price: somText,
  validityMonths: z.number().int(),
  updatedAt: timestampText,
});
export type Product = z.output<typeof productSchema>;

/** Every product. */
export const productListSchema = z.object({ items: z.array(productSchema) });
export type ProductList = z.output<typeof productListSchema>;
