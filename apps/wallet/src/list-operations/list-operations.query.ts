import { z } from 'zod';

/** A page of the history, newest first: at most `limit` entries older than the entry `before`. */
export const listOperationsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.string().regex(/^[1-9][0-9]{0,17}$/, 'an operation id from nextBefore').optional(),
});
export type ListOperationsQuery = z.infer<typeof listOperationsQuery>;
