import { z } from 'zod';
import { somText } from '#platform';

/** The answer of GET /v1/services: each payable service and the account it takes. */
export const serviceListSchema = z.object({
  items: z.array(
    z.object({
      code: z.enum(['SOCHI', 'ECP']),
      name: z.string().meta({ example: 'СОЧИ' }),
      description: z.string(),
      account: z.object({
        name: z.string().meta({ example: 'ИНН организации или ИП' }),
        pattern: z
          .string()
          .meta({ description: 'A regular expression the account must match', example: '^[0-9]{14}$' }),
        length: z.number().int().meta({ example: 14 }),
      }),
      amount: z.object({ min: somText, max: somText, currency: z.literal('KGS') }),
    }),
  ),
});
export type ServiceList = z.output<typeof serviceListSchema>;
