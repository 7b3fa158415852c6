import { Inject, Injectable } from '@nestjs/common';
import { applyBatch, CONSUMER_DATA_SOURCE, CLOCK, sql, type Clock, type Row } from '#platform';
import { DataSource } from 'typeorm';
import type { Envelope } from '#contracts';
import { Outbox } from '#messaging';
import type { AutopaymentStatus, RunStatus } from '../domain/autopayment.js';
import type { PayableService } from '../domain/favorite.js';
import { recordPaymentOutcomes, type PaymentOutcome, type RunState } from '../domain/payment-outcome.js';
import { raiseNotifications } from '../persistence/notification-rows.js';
import { WALLET_CONFIG, type WalletConfig } from '../wallet.config.js';
import { autopaymentMetrics } from '../observability/autopayment-metrics.js';

const CONSUMER = 'wallet.record-payment-outcome';

export type { PaymentOutcome } from '../domain/payment-outcome.js';

/** What the router publishes when a payment reaches its final stage. */
export interface PaymentOutcomeEvent {
  paymentId: string | null;
  autopaymentRunId: string | null;
  phone: string;
  service: PayableService;
  account: string;
  amount: string | null;
}

/** A final outcome as received, with what it says happened. */
export type FinalOutcomeEvent = Envelope<PaymentOutcomeEvent> & { outcome: PaymentOutcome };

/**
 * Tells subscribers how their payments ended and, for payments autopayment runs started, records the runs' outcomes:
 * a failure counts towards pausing the autopayment and is notified as an autopayment failure (one notice, not two).
 * A batch is one transaction: runs locked in autopayment order, recorded in delivery order, written set-based.
 */
@Injectable()
export class RecordPaymentOutcomeHandler {
  constructor(
    @Inject(CONSUMER_DATA_SOURCE) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(WALLET_CONFIG) private readonly config: WalletConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  handle(event: Envelope<PaymentOutcomeEvent>, outcome: PaymentOutcome): Promise<void> {
    return this.handleBatch([{ ...event, outcome }]);
  }

  async handleBatch(events: readonly FinalOutcomeEvent[]): Promise<void> {
    await applyBatch(this.db, CONSUMER, events, {
      // With BEGIN and the inbox claim: the wallets, and the autopayment runs that made the payments, if any — each
      // run and its autopayment locked together, in autopayment order, so outcomes of two runs of one autopayment
      // count one after the other and two batches never deadlock.
      reads: (all) => {
        const runIds = all.flatMap((e) => (e.payload.autopaymentRunId === null ? [] : [e.payload.autopaymentRunId]));
        return {
          wallets: sql`SELECT phone FROM wallets WHERE phone IN (${sql.list(all.map((e) => e.payload.phone))})`,
          runs:
            runIds.length === 0
              ? null
              : sql`SELECT r.id, r.status AS run_status, a.id AS autopayment_id, a.name, a.status,
                      a.consecutive_failures
                    FROM autopayment_runs r JOIN autopayments a ON a.id = r.autopayment_id
                    WHERE r.id IN (${sql.list(runIds)}) ORDER BY a.id, r.id FOR UPDATE`,
        };
      },
      apply: async (tx, fresh, { wallets, runs }) => {
        const now = this.clock.now();
        const payments = fresh.map((e) => ({
          messageId: e.messageId,
          paymentId: e.payload.paymentId,
          autopaymentRunId: e.payload.autopaymentRunId,
          phone: e.payload.phone,
          outcome: e.outcome,
          facts: {
            service: e.payload.service,
            account: e.payload.account,
            amount: e.payload.amount === null ? null : BigInt(e.payload.amount),
          },
        }));
        const recorded = recordPaymentOutcomes(
          payments,
          new Set(wallets.map((w) => String(w.phone))),
          runStates(runs),
          this.config.AUTOPAYMENT_MAX_FAILURES,
        );
        if (recorded.runs.length > 0) {
          const finished = recorded.runs.map((r) => [r.runId, r.runStatus, r.reason, r.paymentId, r.facts.amount]);
          const counts = [...recorded.autopayments].map(([id, a]) => [id, a.status, a.consecutiveFailures]);
          // The runs and autopayments are locked: the updates find their rows.
          await tx.write({
            runs: sql`UPDATE autopayment_runs r
                      SET status = v.status, reason = v.reason, payment_id = v.payment_id::uuid,
                        amount = COALESCE(r.amount, v.amount::bigint), finished_at = ${now}
                      FROM (VALUES ${sql.values(finished)}) AS v (id, status, reason, payment_id, amount)
                      WHERE r.id = v.id::uuid`,
            autopayments: sql`UPDATE autopayments a SET status = v.status, consecutive_failures = v.failures::int,
                                updated_at = now()
                              FROM (VALUES ${sql.values(counts)}) AS v (id, status, failures) WHERE a.id = v.id::uuid`,
          });
        }
        await raiseNotifications(
          tx,
          this.outbox,
          recorded.notices.map((n) => {
            const p = payments[n.index];
            return {
              ...n,
              phone: p.phone,
              amount: p.facts.amount,
              paymentId: p.paymentId,
              at: now,
              cause: fresh[n.index],
            };
          }),
        );
        const statuses = recorded.runs.map((r) => r.runStatus);
        return () => statuses.forEach((s) => autopaymentMetrics.finished(s));
      },
    });
  }
}

function runStates(rows: Row[]): Map<string, RunState> {
  return new Map(
    rows.map((r) => [
      String(r.id),
      {
        runStatus: r.run_status as RunStatus,
        autopaymentId: String(r.autopayment_id),
        name: String(r.name),
        status: r.status as AutopaymentStatus,
        consecutiveFailures: Number(r.consecutive_failures),
      },
    ]),
  );
}
