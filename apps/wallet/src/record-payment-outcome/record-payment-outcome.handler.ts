import { Inject, Injectable } from '@nestjs/common';
import { applyOnce, CONSUMER_DATA_SOURCE, CLOCK, type Clock } from '#platform';
import { DataSource } from 'typeorm';
import type { Envelope } from '#contracts';
import { Outbox } from '#messaging';
import { recordRunOutcome, type AutopaymentStatus, type RunStatus } from '../domain/autopayment.js';
import type { PayableService } from '../domain/favorite.js';
import {
  autopaymentFailedText,
  paymentCompletedText,
  paymentRefundedText,
  paymentRejectedText,
  type NotificationKind,
  type PaymentFacts,
} from '../domain/notification-text.js';
import { raiseNotification } from '../notifications/raise-notification.js';
import { WALLET_CONFIG, type WalletConfig } from '../wallet.config.js';
import { autopaymentMetrics } from '../observe-autopayments/autopayment-metrics.js';

const CONSUMER = 'wallet.record-payment-outcome';

/** What the router publishes when a payment reaches its final stage. */
export interface PaymentOutcomeEvent {
  paymentId: string | null;
  autopaymentRunId: string | null;
  phone: string;
  service: PayableService;
  account: string;
  amount: string | null;
}

export type PaymentOutcome =
  { kind: 'completed' } | { kind: 'rejected'; reason: string } | { kind: 'refunded'; reason: string };

const KIND: Record<PaymentOutcome['kind'], NotificationKind> = {
  completed: 'PAYMENT_COMPLETED',
  rejected: 'PAYMENT_REJECTED',
  refunded: 'PAYMENT_REFUNDED',
};

/**
 * Tells the subscriber how a payment ended and, for a payment an autopayment run started, records the run's outcome:
 * a failure counts towards pausing the autopayment and is notified as an autopayment failure (one notice, not two).
 */
@Injectable()
export class RecordPaymentOutcomeHandler {
  constructor(
    @Inject(CONSUMER_DATA_SOURCE) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(WALLET_CONFIG) private readonly config: WalletConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(event: Envelope<PaymentOutcomeEvent>, outcome: PaymentOutcome): Promise<void> {
    const { paymentId, autopaymentRunId: runId, phone } = event.payload;
    const facts: PaymentFacts = {
      service: event.payload.service,
      account: event.payload.account,
      amount: event.payload.amount === null ? null : BigInt(event.payload.amount),
    };
    /** The run this outcome finished, counted once the transaction committed. */
    let finishedRun: string | undefined;
    await applyOnce(
      this.db,
      CONSUMER,
      event,
      async (tx, { opened: [[wallet], [run]] }) => {
        // A payment from a phone without a wallet was rejected as WALLET_NOT_FOUND: there is nobody to tell.
        if (!wallet) return;
        const now = this.clock.now();
        const notify = (kind: NotificationKind, message: string, autopaymentId: string | null, dedupeKey: string) =>
          raiseNotification(
            tx,
            this.outbox,
            { phone, kind, message, amount: facts.amount, paymentId, autopaymentId, dedupeKey, at: now },
            event,
          );

        // No run of ours (a subscriber's own payment, or a key that only looks like a run's): an ordinary notice.
        if (!run) {
          const message =
            outcome.kind === 'completed'
              ? paymentCompletedText(facts, null)
              : outcome.kind === 'rejected'
                ? paymentRejectedText(facts, outcome.reason)
                : paymentRefundedText(facts, outcome.reason);
          await notify(KIND[outcome.kind], message, null, `${KIND[outcome.kind]}:${paymentId ?? event.messageId}`);
          return;
        }
        const decision = recordRunOutcome(
          { status: run.status as AutopaymentStatus, consecutiveFailures: Number(run.consecutive_failures) },
          run.run_status as RunStatus,
          outcome.kind === 'completed' ? { kind: 'completed' } : { kind: 'failed', reason: outcome.reason },
          this.config.AUTOPAYMENT_MAX_FAILURES,
        );
        if (decision.kind === 'already-recorded') return;
        finishedRun = decision.runStatus;
        const reason = outcome.kind === 'completed' ? null : outcome.reason;
        await tx.query(
          `UPDATE autopayment_runs SET status = $2, reason = $3, payment_id = $4, amount = COALESCE(amount, $5), finished_at = $6 WHERE id = $1`,
          [runId, decision.runStatus, reason, paymentId, facts.amount?.toString() ?? null, now],
        );
        await tx.query(
          `UPDATE autopayments SET status = $2, consecutive_failures = $3, updated_at = now() WHERE id = $1`,
          [run.autopayment_id, decision.status, decision.consecutiveFailures],
        );
        if (reason === null) {
          await notify(
            'PAYMENT_COMPLETED',
            paymentCompletedText(facts, run.name),
            run.autopayment_id,
            `PAYMENT_COMPLETED:${paymentId}`,
          );
        } else {
          const message = autopaymentFailedText(
            run.name,
            reason,
            decision.pausedNow ? decision.consecutiveFailures : null,
          );
          await notify('AUTOPAYMENT_FAILED', message, run.autopayment_id, `AUTOPAYMENT_FAILED:${runId}`);
        }
      },
      {
        // With BEGIN and the inbox claim: the wallet, and the autopayment run that made the payment, if any — the run
        // and its autopayment locked together, so outcomes of two runs of one autopayment count one after the other.
        reads: (lit) => [
          `SELECT 1 FROM wallets WHERE phone = ${lit(phone)}`,
          runId === null
            ? `SELECT NULL WHERE false`
            : `SELECT r.status AS run_status, a.id AS autopayment_id, a.name, a.status, a.consecutive_failures
                 FROM autopayment_runs r JOIN autopayments a ON a.id = r.autopayment_id WHERE r.id = ${lit(runId)} FOR UPDATE`,
        ],
      },
    );
    if (finishedRun) autopaymentMetrics.finished(finishedRun);
  }
}
