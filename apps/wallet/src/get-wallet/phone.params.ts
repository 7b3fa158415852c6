import { z } from 'zod';
import { PHONE_PATTERN } from '../domain/phone.js';

/** The `:phone` route parameter; an invalid one is 400 VALIDATION_FAILED with field code INVALID_PHONE. */
export const phoneParams = z.object({ phone: z.string().regex(PHONE_PATTERN, 'a phone is 996 and nine digits') });
export type PhoneParams = z.infer<typeof phoneParams>;
