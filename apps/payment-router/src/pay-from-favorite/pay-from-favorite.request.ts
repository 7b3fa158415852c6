import { z } from 'zod';
import { parseSom } from '#money';

/** Pay a favorite: its service and account, its amount unless one is given here. */
export const payFromFavoriteRequest = z
  .object({
    phone: z
      .string()
      .regex(/^996[0-9]{9}$/, 'a Megacom phone: 996 and 9 digits')
      .meta({ example: '996555000001' }),
    favoriteId: z.uuid(),
    amount: z
      .string()
      .max(32)
      .optional()
      .meta({
        description: "Som, a decimal string; default: the favorite's amount (ЭЦП: the amount due)",
        example: '150.00',
      }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.amount !== undefined && !parseSom(v.amount).ok) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: 'a decimal string of som, more than 0, at most 1000000.00',
        params: { code: 'INVALID_AMOUNT' },
      });
    }
  })
  .meta({ example: { phone: '996555000001', favoriteId: '3f2b8c1e-6a4d-4f7e-9b2a-5c8d1e0f7a64' } })
  .transform((v) => ({
    ...v,
    amount: v.amount === undefined ? null : (parseSom(v.amount) as { value: bigint }).value,
  }));
export type PayFromFavoriteRequest = z.output<typeof payFromFavoriteRequest>;
