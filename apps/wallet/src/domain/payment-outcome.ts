import { recordRunOutcome, type AutopaymentStatus, type RunStatus } from './autopayment.js';
import {
  autopaymentFailedText,
  paymentCompletedText,
  paymentRefundedText,
  paymentRejectedText,
  type NotificationKind,
  type PaymentFacts,
} from './notification-text.js';

/** How the router says a payment ended. */
export type PaymentOutcome =
  { kind: 'completed' } | { kind: 'rejected'; reason: string } | { kind: 'refunded'; reason: string };

/** One payment's final word as the wallet received it. */
export interface FinalPayment {
  messageId: string;
  paymentId: string | null;
  autopaymentRunId: string | null;
  phone: string;
  facts: PaymentFacts;
  outcome: PaymentOutcome;
}

/** An autopayment run as locked for recording its outcome, with its autopayment. */
export interface RunState {
  runStatus: RunStatus;
  autopaymentId: string;
  name: string;
  status: AutopaymentStatus;
  consecutiveFailures: number;
}

/** A notice to raise (once per dedupe key) for the payment at `index` of the batch. */
export interface Notice {
  index: number;
  kind: NotificationKind;
  message: string;
  autopaymentId: string | null;
  dedupeKey: string;
}

export interface OutcomesRecorded {
  notices: Notice[];
  /** Runs finished, with how: each once. */
  runs: { runId: string; runStatus: RunStatus; reason: string | null; paymentId: string | null; facts: PaymentFacts }[];
  /** Autopayments whose run counts changed, as the batch leaves them. */
  autopayments: Map<string, { status: AutopaymentStatus; consecutiveFailures: number }>;
}

const KIND: Record<PaymentOutcome['kind'], NotificationKind> = {
  completed: 'PAYMENT_COMPLETED',
  rejected: 'PAYMENT_REJECTED',
  refunded: 'PAYMENT_REFUNDED',
};

/**
 * What a batch of final payment outcomes records, in delivery order, each on the runs and autopayments as the ones
 * before it left them: a subscriber's own payment raises an ordinary notice; a payment an autopayment run started
 * finishes the run, and a failure counts towards pausing the autopayment and is notified as an autopayment failure
 * (one notice, not two). A payment from a phone without a wallet was rejected as WALLET_NOT_FOUND: nobody to tell.
 */
export function recordPaymentOutcomes(
  payments: readonly FinalPayment[],
  wallets: ReadonlySet<string>,
  runsBefore: ReadonlyMap<string, RunState>,
  maxFailures: number,
): OutcomesRecorded {
  const runs = new Map(runsBefore);
  const recorded: OutcomesRecorded = { notices: [], runs: [], autopayments: new Map() };
  payments.forEach((p, index) => {
    if (!wallets.has(p.phone)) return;
    const run = p.autopaymentRunId === null ? undefined : runs.get(p.autopaymentRunId);
    // No run of ours (a subscriber's own payment, or a key that only looks like a run's): an ordinary notice.
    if (!run || p.autopaymentRunId === null) {
      const { outcome, facts } = p;
      const message =
        outcome.kind === 'completed'
          ? paymentCompletedText(facts, null)
          : outcome.kind === 'rejected'
            ? paymentRejectedText(facts, outcome.reason)
            : paymentRefundedText(facts, outcome.reason);
      const dedupeKey = `${KIND[outcome.kind]}:${p.paymentId ?? p.messageId}`;
      recorded.notices.push({ index, kind: KIND[outcome.kind], message, autopaymentId: null, dedupeKey });
      return;
    }
    const decision = recordRunOutcome(
      { status: run.status, consecutiveFailures: run.consecutiveFailures },
      run.runStatus,
      p.outcome.kind === 'completed' ? { kind: 'completed' } : { kind: 'failed', reason: p.outcome.reason },
      maxFailures,
    );
    if (decision.kind === 'already-recorded') return;
    const reason = p.outcome.kind === 'completed' ? null : p.outcome.reason;
    // Every run of this autopayment later in the batch sees the new counts.
    for (const [id, other] of runs)
      if (other.autopaymentId === run.autopaymentId)
        runs.set(id, { ...other, status: decision.status, consecutiveFailures: decision.consecutiveFailures });
    runs.set(p.autopaymentRunId, { ...runs.get(p.autopaymentRunId)!, runStatus: decision.runStatus });
    recorded.runs.push({
      runId: p.autopaymentRunId,
      runStatus: decision.runStatus,
      reason,
      paymentId: p.paymentId,
      facts: p.facts,
    });
    recorded.autopayments.set(run.autopaymentId, {
      status: decision.status,
      consecutiveFailures: decision.consecutiveFailures,
    });
    recorded.notices.push(
      reason === null
        ? {
            index,
            kind: 'PAYMENT_COMPLETED',
            message: paymentCompletedText(p.facts, run.name),
            autopaymentId: run.autopaymentId,
            dedupeKey: `PAYMENT_COMPLETED:${p.paymentId}`,
          }
        : {
            index,
            kind: 'AUTOPAYMENT_FAILED',
            message: autopaymentFailedText(run.name, reason, decision.pausedNow ? decision.consecutiveFailures : null),
            autopaymentId: run.autopaymentId,
            dedupeKey: `AUTOPAYMENT_FAILED:${p.autopaymentRunId}`,
          },
    );
  });
  return recorded;
}
