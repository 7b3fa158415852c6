import { formatSom } from '#money';
import type { WalletScreen } from '../domain/wallet-screen.js';
import type { WalletAnswer } from './wallet.schema.js';

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
