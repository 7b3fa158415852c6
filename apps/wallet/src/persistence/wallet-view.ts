import { z } from 'zod';
import { formatSom } from '#money';
import { phoneText, somText, timestampText } from '#platform';
import type { WalletScreen } from '../domain/wallet-screen.js';

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

/** The wallet panel at the HTTP edge: amounts as decimal som strings. */
export function walletScreenResponse(phone: string, screen: WalletScreen): WalletAnswer {
  return {
    phone,
    balance: formatSom(screen.balance),
    monthTurnover: formatSom(screen.monthTurnover),
    monthLimit: formatSom(screen.monthLimit),
    availableThisMonth: formatSom(screen.availableThisMonth),
    month: screen.month,
  };
}
