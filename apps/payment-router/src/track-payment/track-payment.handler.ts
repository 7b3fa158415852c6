import { Inject, Injectable } from '@nestjs/common';
import {
  applyBatch,
  applyOnce,
  CONSUMER_DATA_SOURCE,
  CLOCK,
  sql,
  type Clock,
  type SqlValue,
  type Transaction,
} from '#platform';
import { DataSource, type EntityManager } from 'typeorm';
import {
  PaymentCompletedV1,
  PaymentRefundedV1,
  PaymentRefundRequestedV1,
  PaymentRejectedV1,
  type Envelope,
} from '#contracts';
import { Outbox, PermanentMessageError } from '#messaging';
import { annotateTrace } from '#telemetry';
import { autopaymentRunIdOf, outcomeOf } from '../domain/autopayment-payment.js';
import { paymentMetrics } from '../observability/payment-metrics.js';
import { FinalPayments } from '../observability/final-payments.js';
import { partnerCallbackOf, partnerCallbackStatement, type PartnerCallback } from '../persistence/partner-callbacks.js';
import { PartnerCallbackSender } from '../gateways/partner-callback.sender.js';
import {
  react,
  type PaymentCommand,
  type PaymentFact,
  type PaymentStage,
  type PaymentState,
} from '../domain/payment-saga.js';

const CONSUMER = 'payment-router.advance-payment';

/** A service's report about a payment, with the saga fact it stands for. */
export type ServiceReport = Envelope<{ paymentId: string }> & { fact: PaymentFact };

/** A payment a batch made final: what is told after the commit (metrics, waiters, the partner). */
interface Finished {
  id: string;
  service: string;
  outcome: NonNullable<ReturnType<typeof outcomeOf>>;
  reason: string | null;
  seconds: number;
  callback?: PartnerCallback;
}

/**
 * Applies what other services report about payments: one transaction per batch takes the inbox entries and locks the
 * payments, the saga decides each report in delivery order, and the new stages, steps and commands are written together.
 */
@Injectable()
export class TrackPaymentHandler {
  constructor(
    @Inject(CONSUMER_DATA_SOURCE) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(FinalPayments) private readonly finals: FinalPayments,
    @Inject(PartnerCallbackSender) private readonly callbacks: PartnerCallbackSender,
  ) {}

  /** One report in its own transaction (a batch that failed is applied again this way, so only a poison one parks). */
  handle(event: Envelope<{ paymentId: string }>, fact: PaymentFact): Promise<void> {
    return this.handleBatch([{ ...event, fact }]);
  }

  /**
   * The reports of a batch in one transaction, set-based: the payments locked in id order with BEGIN and the claim,
   * the saga deciding each report in delivery order in memory (a second report of one payment sees the first's
   * stage), then one UPDATE of the payments, one INSERT of their steps and of the callbacks owed, the commands and
   * outcomes in the outbox, and the COMMIT — two round trips whatever the batch's size.
   */
  handleBatch(reports: readonly ServiceReport[]): Promise<void> {
    return applyBatch(this.db, CONSUMER, reports, {
      reads: (all) => ({
        payments: sql`SELECT id, idempotency_key, phone, service, account, amount, stage, reason, created_at
                      FROM payments WHERE id IN (${sql.list([...new Set(all.map((r) => r.payload.paymentId))].sort())})
                      ORDER BY id FOR UPDATE`,
      }),
      apply: async (tx, fresh, { payments }) => {
        const now = this.clock.now();
        const current = new Map(payments.map((p) => [String(p.id), p as Record<string, string>]));
        const changed = new Set<string>();
        const steps: SqlValue[][] = [];
        const finished: Finished[] = [];
        for (const report of fresh) {
          const payment = current.get(report.payload.paymentId);
          if (!payment) throw new PermanentMessageError('UNKNOWN_PAYMENT', `no payment ${report.payload.paymentId}`);
          const reaction = react(payment as unknown as PaymentState, report.fact);
          if (reaction.kind === 'ignore') continue;
          if (reaction.kind === 'impossible')
            throw new PermanentMessageError('IMPOSSIBLE_TRANSITION', `payment ${payment.id}: ${reaction.why}`);
          const reason = reaction.reason ?? null;
          const next = { ...payment, stage: reaction.stage, reason: reason ?? payment.reason };
          current.set(payment.id, next);
          changed.add(payment.id);
          if (reaction.passed) steps.push([payment.id, reaction.passed, null, report.messageId, now]);
          steps.push([payment.id, reaction.stage, reason, report.messageId, now]);
          for (const command of reaction.commands) await this.send(tx.manager, payment, command, report);
          await this.announceOutcome(tx, payment, reaction.stage, reason, report);
          const outcome = outcomeOf(reaction.stage);
          if (!outcome) continue;
          const seconds = (now.getTime() - new Date(payment.created_at).getTime()) / 1000;
          const finalReason = reason ?? payment.reason ?? null;
          // The partner's final-status callback is owed in this same transaction, and sent right after its commit.
          const callback = this.callbacks.enabled
            ? partnerCallbackOf({
                id: payment.id,
                service: payment.service,
                account: payment.account,
                amount: payment.amount,
                stage: reaction.stage,
                reason: finalReason,
                finalAt: now,
              })
            : undefined;
          finished.push({ id: payment.id, service: payment.service, outcome, reason: finalReason, seconds, callback });
        }
        if (changed.size === 0) return undefined;
        const rows = [...changed].map((id) => [id, current.get(id)!.stage, current.get(id)!.reason ?? null]);
        const callbacks = finished.flatMap((f) => (f.callback ? [f.callback] : []));
        // Under the payments' locks the update finds every row; if it does not, everything rolls back.
        const written = await tx.write({
          payments: sql`UPDATE payments p SET stage = v.stage, reason = v.reason, updated_at = now()
                        FROM (VALUES ${sql.values(rows)}) AS v (id, stage, reason)
                        WHERE p.id = v.id::uuid RETURNING 1`,
          steps: sql`INSERT INTO payment_steps (payment_id, stage, reason, cause_message_id, at)
                     VALUES ${sql.values(steps)}`,
          callbacks:
            callbacks.length === 0 ? null : partnerCallbackStatement(callbacks, this.callbacks.sentAfterCommitS),
        });
        if (written.payments.length !== rows.length) throw new Error('a payment changed under its lock');
        return () => {
          for (const f of finished) {
            this.finals.committed(f.id);
            if (f.callback) this.callbacks.committed(f.callback);
            paymentMetrics.finished(f.service, f.outcome, f.reason, f.seconds);
          }
          // One report's transaction is one payment's trace; a batch's spans say what each became where they can.
          if (finished.length === 1)
            annotateTrace({
              'payment.outcome': finished[0].outcome.toUpperCase(),
              ...(finished[0].reason ? { 'payment.reason': finished[0].reason } : {}),
            });
        };
      },
    });
  }

  /** Publishes the payment's final stage for the wallet (notifications, autopayment runs); nothing while under way. */
  private async announceOutcome(
    tx: Transaction,
    payment: Record<string, string>,
    stage: PaymentStage,
    reason: string | null,
    cause: Envelope,
  ): Promise<void> {
    const outcome = outcomeOf(stage);
    if (outcome === null) return;
    const at = this.clock.now().toISOString();
    const base = {
      paymentId: payment.id,
      autopaymentRunId: autopaymentRunIdOf(payment.idempotency_key),
      phone: payment.phone,
      service: payment.service as 'SOCHI' | 'ECP',
      account: payment.account,
      amount: String(payment.amount),
    };
    if (outcome === 'completed')
      await this.outbox.append(tx.manager, PaymentCompletedV1, { ...base, completedAt: at }, cause);
    // The saga gives every rejection and refund its reason; the payment row keeps it too.
    else if (outcome === 'rejected')
      await this.outbox.append(
        tx.manager,
        PaymentRejectedV1,
        { ...base, reason: reason ?? payment.reason, rejectedAt: at },
        cause,
      );
    else
      await this.outbox.append(
        tx.manager,
        PaymentRefundedV1,
        { ...base, reason: reason ?? payment.reason, refundedAt: at },
        cause,
      );
  }

  /** Records that the electronic signature for an ЭЦП payment was produced (the payment itself completed earlier). */
  async recordSignature(event: Envelope<{ paymentId: string; producedAt: string }>): Promise<void> {
    await applyOnce(this.db, CONSUMER, event, {
      apply: async (tx) =>
        tx.atCommit(
          sql`UPDATE payments SET signature_produced_at = ${event.payload.producedAt}, updated_at = now()
              WHERE id = ${event.payload.paymentId} AND service = 'ECP'`,
        ),
    });
  }

  /** Asks the wallet to give back a payment its payee refused (the one command the saga gives). */
  private async send(
    tx: EntityManager,
    payment: Record<string, string>,
    command: PaymentCommand,
    cause: Envelope,
  ): Promise<void> {
    await this.outbox.append(
      tx,
      PaymentRefundRequestedV1,
      {
        paymentId: payment.id,
        phone: payment.phone,
        amount: payment.amount,
        reason: command.reason,
        requestedAt: this.clock.now().toISOString(),
      },
      cause,
    );
  }
}
