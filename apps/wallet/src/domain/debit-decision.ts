import { MAX_AMOUNT, type Tyiyn } from '#money';
import {
  fitsMonthlyLimit,
  turnoverAfterDebit,
  turnoverIn,
  turnoverMonth,
  type MonthTurnover,
} from './month-turnover.js';

export type DebitRejectionReason = 'WALLET_NOT_FOUND' | 'INSUFFICIENT_FUNDS' | 'MONTHLY_LIMIT_EXCEEDED';

export interface DebitInput {
  /** This payment was already debited or rejected (under another message id). */
  alreadyDecided: boolean;
  /** The wallet as locked for this decision, or null when the phone has no wallet. */
  wallet: { balance: Tyiyn; turnover: MonthTurnover | null } | null;
  amount: Tyiyn;
  monthlyLimit: Tyiyn;
  at: Date;
}

export type DebitDecision =
  | { kind: 'already-decided' }
  | { kind: 'invalid-amount'; message: string }
  | { kind: 'reject'; reason: DebitRejectionReason }
  | { kind: 'debit'; amount: Tyiyn; balanceAfter: Tyiyn; month: string; turnoverAfter: Tyiyn };

/**
 * Whether the wallet pays a requested payment: it needs a wallet, a balance that covers the amount, and room under
 * the monthly turnover limit of the Bishkek month the debit happens in. Checked in that order, so the reason
 * given is the first that fails.
 */
export function decideDebit(input: DebitInput): DebitDecision {
  const { wallet, amount, monthlyLimit, at } = input;
  if (input.alreadyDecided) return { kind: 'already-decided' };
  if (amount <= 0n || amount > MAX_AMOUNT)
    return { kind: 'invalid-amount', message: `a payment is 1..${MAX_AMOUNT} tyiyn, not ${amount}` };
  if (!wallet) return { kind: 'reject', reason: 'WALLET_NOT_FOUND' };
  if (wallet.balance < amount) return { kind: 'reject', reason: 'INSUFFICIENT_FUNDS' };
  const month = turnoverMonth(at);
  const turnover = turnoverIn(month, wallet.turnover);
  if (!fitsMonthlyLimit(monthlyLimit, turnover, amount)) return { kind: 'reject', reason: 'MONTHLY_LIMIT_EXCEEDED' };
  return {
    kind: 'debit',
    amount,
    balanceAfter: wallet.balance - amount,
    month,
    turnoverAfter: turnoverAfterDebit(turnover, amount),
  };
}
