import { z } from 'zod';
import { listedPaymentSchema } from '../persistence/listed-payment-view.js';
import { TOTAL_CAP } from '../persistence/payment-search.js';

/** A page of the payments that match a search. */
export const paymentPageSchema = z.object({
  items: z.array(listedPaymentSchema),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1).max(200),
  total: z
    .number()
    .int()
    .min(0)
    .meta({
      description: `How many payments match, counted up to ${TOTAL_CAP}: beyond that it is ${TOTAL_CAP} and totalIsExact is false`,
    }),
  totalIsExact: z.boolean(),
});
export type PaymentPage = z.output<typeof paymentPageSchema>;
