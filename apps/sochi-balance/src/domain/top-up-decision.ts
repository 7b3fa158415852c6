import type { Tyiyn } from '#money';

export type TopUpDecision =
  { kind: 'credit'; amount: Tyiyn } | { kind: 'refuse'; reason: 'UNKNOWN_INN' } | { kind: 'already-credited' };

/**
 * What a routed СОЧИ payment does: credit the organization's balance at once, refuse it when no organization
 * has the INN (the router then refunds the wallet), or nothing when this payment was already credited.
 */
export function decideTopUp(organizationExists: boolean, alreadyCredited: boolean, amount: Tyiyn): TopUpDecision {
  if (alreadyCredited) return { kind: 'already-credited' };
  if (!organizationExists) return { kind: 'refuse', reason: 'UNKNOWN_INN' };
  if (amount <= 0n) throw new Error('a top-up amount is positive');
  return { kind: 'credit', amount };
}
