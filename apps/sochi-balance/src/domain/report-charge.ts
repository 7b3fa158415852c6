import type { Tyiyn } from '#money';

/** A report's id as Dos Tek's reporting system gives it. */
export const REPORT_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

/** A report charge waits as AWAITING_PAYMENT until the СОЧИ balance covers it, then it is PAID (and the report can go out). */
export type ChargeStatus = 'AWAITING_PAYMENT' | 'PAID';

export interface ChargeRequest {
  reportId: string;
  inn: string;
  description: string;
  price: Tyiyn;
}

export type ChargeDecision =
  /** The same report asked again with the same request: answer as before, change nothing. */
  | { kind: 'replay' }
  /** The report id is taken by another request (another organization, description or price). */
  | { kind: 'report-id-reused' }
  | { kind: 'charge'; balanceAfter: Tyiyn }
  | { kind: 'await-payment' };

/**
 * What sending a report for payment does: it is charged at once when the balance covers its price (the balance
 * never goes below zero), else it waits for a top-up. Idempotent on the report id.
 */
export function decideCharge(
  existing: Omit<ChargeRequest, 'reportId'> | null,
  request: ChargeRequest,
  balance: Tyiyn,
): ChargeDecision {
  if (request.price <= 0n) throw new Error('a report price is positive');
  if (existing) {
    const same =
      existing.inn === request.inn && existing.description === request.description && existing.price === request.price;
    return same ? { kind: 'replay' } : { kind: 'report-id-reused' };
  }
  return balance >= request.price
    ? { kind: 'charge', balanceAfter: balance - request.price }
    : { kind: 'await-payment' };
}

export interface WaitingCharge {
  reportId: string;
  price: Tyiyn;
}

export interface Settlement {
  settled: Array<WaitingCharge & { balanceAfter: Tyiyn }>;
  balanceAfter: Tyiyn;
}

/**
 * Which waiting charges a balance pays after a top-up: the oldest first, for as long as the balance covers the next
 * one. It stops at the first it cannot cover, so a big report waiting longer is never overtaken by newer small ones.
 * `waiting` must be oldest first.
 */
export function settleWaiting(balance: Tyiyn, waiting: readonly WaitingCharge[]): Settlement {
  const settled: Settlement['settled'] = [];
  let left = balance;
  for (const charge of waiting) {
    if (charge.price > left) break;
    left -= charge.price;
    settled.push({ ...charge, balanceAfter: left });
  }
  return { settled, balanceAfter: left };
}
