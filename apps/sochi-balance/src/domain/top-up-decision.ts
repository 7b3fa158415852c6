import type { Tyiyn } from '#money';
import { settleWaiting, type Settlement, type WaitingCharge } from './report-charge.js';

export type TopUpDecision =
  { kind: 'credit'; amount: Tyiyn } | { kind: 'refuse'; reason: RefusalReason } | { kind: 'already-credited' };

export type RefusalReason = 'UNKNOWN_INN';

/**
 * What a routed СОЧИ payment does: credit the organization's balance at once, refuse it when no organization
 * has the INN (the router then refunds the wallet), or nothing when this payment was already credited. A payment
 * refused once is refused again for the same reason, whatever has changed since: the router has refunded it.
 */
export function decideTopUp(
  organizationExists: boolean,
  alreadyCredited: boolean,
  amount: Tyiyn,
  refusedEarlier?: RefusalReason,
): TopUpDecision {
  if (alreadyCredited) return { kind: 'already-credited' };
  if (refusedEarlier) return { kind: 'refuse', reason: refusedEarlier };
  if (!organizationExists) return { kind: 'refuse', reason: 'UNKNOWN_INN' };
  if (amount <= 0n) throw new Error('a top-up amount is positive');
  return { kind: 'credit', amount };
}

/** An organization as a batch of top-ups finds it: its balance and the charges waiting for payment, oldest first. */
export interface OrganizationBalance {
  balance: Tyiyn;
  waiting: readonly WaitingCharge[];
}

export interface RequestedTopUp {
  paymentId: string;
  inn: string;
  amount: Tyiyn;
}

/** One top-up's decision and, for a credit, the balance it leaves and the waiting charges it pays. */
export type TopUpOutcome =
  | { kind: 'refuse'; reason: RefusalReason }
  | { kind: 'already-credited' }
  | { kind: 'credit'; amount: Tyiyn; balanceAfterCredit: Tyiyn; settlement: Settlement };

/**
 * Decides a batch of top-ups in delivery order, each on the organization as the ones before it left it: a credit
 * raises the balance, then pays the waiting charges it covers, oldest first. Returns each top-up's outcome and the
 * organizations the batch changed, as it leaves them.
 */
export function decideTopUps(
  requests: readonly RequestedTopUp[],
  before: ReadonlyMap<string, OrganizationBalance>,
  creditedEarlier: ReadonlySet<string>,
  refusedEarlier: ReadonlyMap<string, RefusalReason> = new Map(),
): { outcomes: TopUpOutcome[]; after: Map<string, OrganizationBalance> } {
  const after = new Map<string, OrganizationBalance>();
  const credited = new Set(creditedEarlier);
  const refused = new Map(refusedEarlier);
  const outcomes = requests.map(({ paymentId, inn, amount }): TopUpOutcome => {
    const org = after.get(inn) ?? before.get(inn);
    const decision = decideTopUp(Boolean(org), credited.has(paymentId), amount, refused.get(paymentId));
    if (decision.kind === 'refuse') refused.set(paymentId, decision.reason);
    if (decision.kind !== 'credit') return decision;
    credited.add(paymentId);
    const balanceAfterCredit = org!.balance + decision.amount;
    const settlement = settleWaiting(balanceAfterCredit, org!.waiting);
    after.set(inn, { balance: settlement.balanceAfter, waiting: org!.waiting.slice(settlement.settled.length) });
    return { kind: 'credit', amount: decision.amount, balanceAfterCredit, settlement };
  });
  return { outcomes, after };
}
