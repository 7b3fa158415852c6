/** Money inside is whole tyiyn as bigint; the domain imports nothing else, not even #money (step 3). */
export type TopUpDecision =
  { kind: 'credit'; amount: bigint } | { kind: 'refuse'; reason: 'UNKNOWN_INN' } | { kind: 'already-credited' };

/** What a routed SMS payment does: credit the organization's balance, refuse an unknown INN, or nothing again. */
export function decideTopUp(organizationExists: boolean, alreadyCredited: boolean, amount: bigint): TopUpDecision {
  if (alreadyCredited) return { kind: 'already-credited' };
  if (!organizationExists) return { kind: 'refuse', reason: 'UNKNOWN_INN' };
  return { kind: 'credit', amount };
}
