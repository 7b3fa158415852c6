import type { Tyiyn } from '#money';

/** Every change of a wallet balance is one ledger entry of these kinds; amounts are stored positive. */
export const LEDGER_KINDS = ['TOP_UP', 'DEBIT', 'REFUND'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** The amount as the history shows it: money in is positive, a debit negative. */
export function signedAmount(kind: LedgerKind, amount: Tyiyn): Tyiyn {
  return kind === 'DEBIT' ? -amount : amount;
}
