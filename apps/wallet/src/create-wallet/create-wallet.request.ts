import { z } from 'zod';
import { phoneField } from '#platform';

export const createWalletRequest = z.object({ phone: phoneField.meta({ example: '996555000001' }) });
export type CreateWalletRequest = z.infer<typeof createWalletRequest>;
