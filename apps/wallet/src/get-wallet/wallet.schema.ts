import { z } from 'zod';
import { phoneText, somText, timestampText } from '#platform';

/** The wallet panel of the payment screen, as GET and POST /v1/wallets answer it. */
export const walletSchema = z.object({
  phone: phoneText,
  balance: somText,
  monthTurnover: somText,
  monthLimit: somText.meta({ example: '60000.00' }),
  availableThisMonth: somText,
  month: z
    .string()
    .regex(/^[0-9]{4}-[0-9]{2}$/)
    .meta({ description: 'The Bishkek month the turnover counts', example: '2026-11' }),
  createdAt: timestampText.optional().meta({ description: 'POST /v1/wallets only' }),
});
export type WalletAnswer = z.output<typeof walletSchema>;
