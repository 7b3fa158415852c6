import type { Tyiyn } from '#money';
import type { PayableServiceCode } from './payable-service.js';

/** The statuses a final payment has, on our side and in MegaPay's register alike. */
export const FINAL_STATUSES = ['COMPLETED', 'REJECTED', 'REFUNDED'] as const;
export type FinalStatus = (typeof FINAL_STATUSES)[number];

/** One line of a day's register: a payment that reached its final status that day, as one side knows it. */
export interface RegisterEntry {
  idempotencyKey: string;
  phone: string;
  service: PayableServiceCode;
  account: string;
  amount: Tyiyn;
  status: FinalStatus;
  /** Ours: when the payment became final. Theirs: MegaPay's paid_at. */
  at: Date;
}

/** Our register line also names the payment. */
export interface OurEntry extends RegisterEntry {
  paymentId: string;
}

/**
 * How the two registers can disagree on one MegaPay idempotency key. A pair that differs in more than one way gives one
 * difference per way, so each can be explained on its own; `detailsDiffer` is a phone, service or account that differ.
 */
export const DIFFERENCE_KINDS = [
  'missingOnOurSide',
  'missingOnTheirs',
  'amountDiffers',
  'statusDiffers',
  'detailsDiffer',
] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

export interface Difference {
  kind: DifferenceKind;
  idempotencyKey: string;
  paymentId: string | null;
  ours: OurEntry | null;
  theirs: RegisterEntry | null;
}

export interface SideTotals {
  count: number;
  amount: Tyiyn;
}

export interface RegisterComparison {
  counts: Record<'matched' | DifferenceKind, number>;
  perService: Array<{ service: PayableServiceCode; ours: SideTotals; theirs: SideTotals }>;
  perStatus: Array<{ status: FinalStatus; ours: SideTotals; theirs: SideTotals }>;
  /** Ordered by idempotency key, then kind, so that the same registers always give the same list. */
  differences: Difference[];
}

const SERVICES: readonly PayableServiceCode[] = ['SOCHI', 'ECP'];

/** Compares our register of a day's final payments with MegaPay's register of the same day, line by idempotency key. */
export function compareRegisters(ours: readonly OurEntry[], theirs: readonly RegisterEntry[]): RegisterComparison {
  const ourByKey = byKey(ours);
  const theirByKey = byKey(theirs);
  const keys = [...new Set([...ourByKey.keys(), ...theirByKey.keys()])].sort();
  const counts: RegisterComparison['counts'] = {
    matched: 0,
    missingOnOurSide: 0,
    missingOnTheirs: 0,
    amountDiffers: 0,
    statusDiffers: 0,
    detailsDiffer: 0,
  };
  const differences: Difference[] = [];
  for (const key of keys) {
    const our = ourByKey.get(key) ?? null;
    const their = theirByKey.get(key) ?? null;
    const kinds = differencesOf(our, their);
    if (kinds.length === 0) counts.matched += 1;
    for (const kind of kinds) {
      counts[kind] += 1;
      differences.push({ kind, idempotencyKey: key, paymentId: our?.paymentId ?? null, ours: our, theirs: their });
    }
  }
  return {
    counts,
    perService: SERVICES.map((service) => ({
      service,
      ours: totals(ours, (e) => e.service === service),
      theirs: totals(theirs, (e) => e.service === service),
    })),
    perStatus: FINAL_STATUSES.map((status) => ({
      status,
      ours: totals(ours, (e) => e.status === status),
      theirs: totals(theirs, (e) => e.status === status),
    })),
    differences,
  };
}

function differencesOf(our: OurEntry | null, their: RegisterEntry | null): DifferenceKind[] {
  if (!our) return ['missingOnOurSide'];
  if (!their) return ['missingOnTheirs'];
  const kinds: DifferenceKind[] = [];
  if (our.amount !== their.amount) kinds.push('amountDiffers');
  if (our.status !== their.status) kinds.push('statusDiffers');
  if (our.phone !== their.phone || our.service !== their.service || our.account !== their.account)
    kinds.push('detailsDiffer');
  return kinds;
}

function byKey<E extends RegisterEntry>(entries: readonly E[]): Map<string, E> {
  const map = new Map<string, E>();
  for (const e of entries) {
    if (map.has(e.idempotencyKey)) throw new Error(`register lists idempotency key ${e.idempotencyKey} twice`);
    map.set(e.idempotencyKey, e);
  }
  return map;
}

function totals(entries: readonly RegisterEntry[], which: (e: RegisterEntry) => boolean): SideTotals {
  return entries
    .filter(which)
    .reduce((t, e) => ({ count: t.count + 1, amount: t.amount + e.amount }), { count: 0, amount: 0n as Tyiyn });
}

/**
 * What makes two differences "the same question" across uploads of a day: kind, key and both sides' lines. A
 * resolution note answers that question, so it is carried to a new comparison only where the question is unchanged.
 */
export function differenceSignature(
  d: Pick<Difference, 'kind' | 'idempotencyKey'> & { ours: RegisterEntry | null; theirs: RegisterEntry | null },
): string {
  const side = (e: RegisterEntry | null) =>
    e ? [e.phone, e.service, e.account, e.amount.toString(), e.status].join('|') : '-';
  return [d.kind, d.idempotencyKey, side(d.ours), side(d.theirs)].join('\n');
}
