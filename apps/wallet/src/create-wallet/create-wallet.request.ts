import { z } from 'zod';
import { PHONE_PATTERN } from '../domain/phone.js';

export const createWalletRequest = z.object({
  phone: z.string().regex(PHONE_PATTERN, 'a phone is 996 and nine digits'),
});
export type CreateWalletRequest = z.infer<typeof createWalletRequest>;
