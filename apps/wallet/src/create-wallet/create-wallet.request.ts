import { z } from 'zod';
import { PHONE_PATTERN } from '../domain/phone.js';

export const createWalletRequest = z.object({
  phone: z.string().regex(PHONE_PATTERN, 'a phone is 996 and nine digits').meta({ example: '996555000001' }),
});
export type CreateWalletRequest = z.infer<typeof createWalletRequest>;
