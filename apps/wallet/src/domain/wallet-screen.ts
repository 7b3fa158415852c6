import type { Tyiyn } from '#money';
import { availableThisMonth, turnoverIn, type MonthTurnover } from './month-turnover.js';

/** The WALLET panel of the payment screen: balance, turnover this month, and what is still available under the limit. */
export interface WalletScreen {
  balance: Tyiyn;
  monthTurnover: Tyiyn;
  monthLimit: Tyiyn;
  availableThisMonth: Tyiyn;
  month: string;
}

export function walletScreen(
  balance: Tyiyn,
  month: string,
  turnover: MonthTurnover | null,
  monthLimit: Tyiyn,
): WalletScreen {
  const monthTurnover = turnoverIn(month, turnover);
  return {
    balance,
    monthTurnover,
    monthLimit,
    availableThisMonth: availableThisMonth(monthLimit, monthTurnover),
    month,
  };
}
