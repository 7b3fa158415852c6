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

/** A wallet as a batch of debits finds and leaves it. */
export interface WalletState {
  balance: Tyiyn;
  /** This month's turnover as stored (null: no row yet). */
  turnover: Tyiyn | null;
}

export interface RequestedDebit {
  paymentId: string;
  phone: string;
  amount: Tyiyn;
}

/**
 * Decides a batch of requested payments in delivery order, each on the wallet as the ones before it left it (two
 * payments of one wallet: the second sees the first's debit). Returns each payment's decision and the wallets' states
 * after the batch; the states before are left as they were.
 */
export function decideDebits(
  requests: readonly RequestedDebit[],
  before: ReadonlyMap<string, WalletState>,
  decidedEarlier: ReadonlySet<string>,
  monthlyLimit: Tyiyn,
  at: Date,
): { decisions: DebitDecision[]; after: Map<string, WalletState> } {
  const month = turnoverMonth(at);
  const after = new Map<string, WalletState>();
  const decided = new Set(decidedEarlier);
  const decisions = requests.map(({ paymentId, phone, amount }) => {
    const wallet = after.get(phone) ?? before.get(phone) ?? null;
    const decision = decideDebit({
      alreadyDecided: decided.has(paymentId),
      wallet: wallet && {
        balance: wallet.balance,
        turnover: wallet.turnover === null ? null : { month, amount: wallet.turnover },
      },
      amount,
      monthlyLimit,
      at,
    });
    if (decision.kind === 'reject' || decision.kind === 'debit') decided.add(paymentId);
    if (decision.kind === 'debit')
      after.set(phone, { balance: decision.balanceAfter, turnover: decision.turnoverAfter });
    return decision;
  });
  return { decisions, after };
}
