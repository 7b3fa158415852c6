import type { Tyiyn } from '#money';

export type TopUpDecision = { kind: 'apply' } | { kind: 'replay' } | { kind: 'key-reused' };

/**
 * What a top-up request with an idempotency key does: the first applies it; a retry of the same request (same
 * amount) replays the first answer and changes nothing; the key reused for another amount is refused.
 */
export function decideTopUp(previousWithKey: { amount: Tyiyn } | null, amount: Tyiyn): TopUpDecision {
  if (amount <= 0n) throw new Error('a top-up amount is positive');
  if (!previousWithKey) return { kind: 'apply' };
  return previousWithKey.amount === amount ? { kind: 'replay' } : { kind: 'key-reused' };
}
