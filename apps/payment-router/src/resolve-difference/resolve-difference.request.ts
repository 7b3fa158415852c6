import { z } from 'zod';

/** Why a difference is not a problem, or what was done about it. */
export const resolveDifferenceRequest = z
  .object({
    note: z.string().trim().min(1).max(2000).describe('what explains the difference or what was done about it'),
  })
  .strict()
  .meta({ example: { note: 'final after midnight on our side: in our register of the next day' } });
export type ResolveDifferenceRequest = z.infer<typeof resolveDifferenceRequest>;
