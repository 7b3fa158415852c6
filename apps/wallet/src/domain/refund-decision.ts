import type { Tyiyn } from '#money';

/** A payment's debit as the ledger holds it. */
export interface DebitRecord {
  phone: string;
  amount: Tyiyn;
  /** The Bishkek month whose turnover the debit counted in. */
  month: string;
}

export type RefundDecision =
  | { kind: 'refund'; phone: string; amount: Tyiyn; month: string }
  | { kind: 'already-refunded' }
  | { kind: 'impossible'; code: 'REFUND_WITHOUT_DEBIT' | 'REFUND_MISMATCH'; message: string };

/**
 * Whether a refund request gives money back: at most once per payment, only for a payment the wallet debited,
 * and only exactly what was debited, to the wallet it was debited from (no partial refunds exist).
 * An impossible refund is never retried into success, so the caller parks it.
 */
export function decideRefund(
  debit: DebitRecord | null,
  alreadyRefunded: boolean,
  request: { phone: string; amount: Tyiyn },
): RefundDecision {
  if (!debit)
    return { kind: 'impossible', code: 'REFUND_WITHOUT_DEBIT', message: 'the wallet never debited this payment' };
  if (alreadyRefunded) return { kind: 'already-refunded' };
  if (request.phone !== debit.phone || request.amount !== debit.amount) {
    return {
      kind: 'impossible',
      code: 'REFUND_MISMATCH',
      message: `the refund asks ${request.amount} tyiyn to ${request.phone}, the debit was ${debit.amount} tyiyn from ${debit.phone}`,
    };
  }
  return { kind: 'refund', phone: debit.phone, amount: debit.amount, month: debit.month };
}
