import type { Tyiyn } from '#money';
import type { PayableService } from './favorite.js';

export const AUTOPAYMENT_STATUSES = ['ACTIVE', 'PAUSED', 'CANCELLED'] as const;
export type AutopaymentStatus = (typeof AUTOPAYMENT_STATUSES)[number];
/** A run is PENDING from the moment it started until the router reports its payment's outcome. */
export type RunStatus = 'PENDING' | 'COMPLETED' | 'FAILED';

/**
 * The amount an autopayment pays: the one asked for, else the favorite's. A СОЧИ top-up needs one; an ЭЦП
 * autopayment without one pays the invoice's amount due at run time (null here).
 */
export function autopaymentAmount(
  service: PayableService,
  requested: Tyiyn | null,
  favoriteAmount: Tyiyn | null,
): { kind: 'amount'; amount: Tyiyn | null } | { kind: 'amount-required' } {
  const amount = requested ?? favoriteAmount;
  if (amount === null && service === 'SOCHI') return { kind: 'amount-required' };
  return { kind: 'amount', amount };
}

export type StatusChange = 'pause' | 'resume' | 'cancel';

/** What the subscriber may do to an autopayment: pause and resume it, or cancel it for good (its runs stay as history). */
export function changeStatus(
  current: AutopaymentStatus,
  change: StatusChange,
):
  | { kind: 'changed'; status: AutopaymentStatus }
  | { kind: 'unchanged' }
  | { kind: 'refused'; code: 'AUTOPAYMENT_CANCELLED' } {
  if (current === 'CANCELLED')
    return change === 'cancel' ? { kind: 'unchanged' } : { kind: 'refused', code: 'AUTOPAYMENT_CANCELLED' };
  const target: AutopaymentStatus = change === 'pause' ? 'PAUSED' : change === 'resume' ? 'ACTIVE' : 'CANCELLED';
  return target === current ? { kind: 'unchanged' } : { kind: 'changed', status: target };
}

export type RunOutcome = { kind: 'completed' } | { kind: 'failed'; reason: string };

export type RunRecord =
  | { kind: 'already-recorded' }
  | {
      kind: 'record';
      runStatus: 'COMPLETED' | 'FAILED';
      consecutiveFailures: number;
      status: AutopaymentStatus;
      /** This failure was the one that paused the autopayment. */
      pausedNow: boolean;
    };

/**
 * What a run's outcome does to its autopayment: a completed run clears the failure count; a failed one adds to it,
 * and the failure that reaches `maxFailures` in a row pauses an active autopayment (the subscriber resumes it).
 * A run records one outcome only.
 */
export function recordRunOutcome(
  autopayment: { status: AutopaymentStatus; consecutiveFailures: number },
  runStatus: RunStatus,
  outcome: RunOutcome,
  maxFailures: number,
): RunRecord {
  if (runStatus !== 'PENDING') return { kind: 'already-recorded' };
  if (outcome.kind === 'completed') {
    return {
      kind: 'record',
      runStatus: 'COMPLETED',
      consecutiveFailures: 0,
      status: autopayment.status,
      pausedNow: false,
    };
  }
  const consecutiveFailures = autopayment.consecutiveFailures + 1;
  const pausedNow = autopayment.status === 'ACTIVE' && consecutiveFailures >= maxFailures;
  return {
    kind: 'record',
    runStatus: 'FAILED',
    consecutiveFailures,
    status: pausedNow ? 'PAUSED' : autopayment.status,
    pausedNow,
  };
}
