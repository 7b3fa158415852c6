import { z } from 'zod';
import { somText, timestampText } from '#platform';

/** Every price a product has had, newest first. */
export const priceHistorySchema = z.object({
  code: z.string().meta({ example: 'DIRECTOR_CLOUD' }),
  items: z.array(
    z.object({
      price: somText,
      from: timestampText
        .nullable()
        .meta({ description: 'When the price was set; null for the price the product started with' }),
      setBy: z
        .string()
        .nullable()
        .meta({ description: 'Who set it (staff:<subject>); null when not known', example: 'staff:7f1c0c1e' }),
      setByName: z.string().nullable(),
    }),
  ),
});
export type PriceHistory = z.output<typeof priceHistorySchema>;
