import { z } from 'zod';
import { somAmountField } from '#platform';

/** Som as a decimal string (never a JSON number), held as tyiyn once parsed. */
export const topUpRequest = z.object({ amount: somAmountField() });
export type TopUpRequest = z.infer<typeof topUpRequest>;
