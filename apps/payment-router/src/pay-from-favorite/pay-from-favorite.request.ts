import { z } from 'zod';
import { phoneField, somAmountField } from '#platform';

/** Pay a favorite: its service and account, its amount unless one is given here. */
export const payFromFavoriteRequest = z
  .object({
    phone: phoneField.meta({ example: '996555000001' }),
    favoriteId: z.uuid(),
    amount: somAmountField()
      .optional()
      .meta({ description: "Som, a decimal string; default: the favorite's amount (ЭЦП: the amount due)" }),
  })
  .strict()
  .meta({ example: { phone: '996555000001', favoriteId: '3f2b8c1e-6a4d-4f7e-9b2a-5c8d1e0f7a64' } })
  .transform((v) => ({ ...v, amount: v.amount ?? null }));
export type PayFromFavoriteRequest = z.output<typeof payFromFavoriteRequest>;
