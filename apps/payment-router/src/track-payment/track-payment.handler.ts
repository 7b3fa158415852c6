import { Inject, Injectable } from '@nestjs/common';
import {
  applyEach,
  applyOnce,
  CONSUMER_DATA_SOURCE,
  CLOCK,
  sql,
  type Clock,
  type MessageEffect,
  type Transaction,
} from '#platform';
import { DataSource, type EntityManager } from 'typeorm';
import {
  EcpInvoicePaymentRequestedV1,
  PaymentCompletedV1,
  PaymentRefundedV1,
  PaymentRefundRequestedV1,
  PaymentRejectedV1,
  SochiTopUpRequestedV1,
  type Envelope,
} from '#contracts';
import { Outbox, PermanentMessageError } from '#messaging';
import { annotateTrace } from '#telemetry';
import { autopaymentRunIdOf, outcomeOf } from '../domain/autopayment-payment.js';
import { paymentMetrics } from '../observability/payment-metrics.js';
import { FinalPayments } from '../observability/final-payments.js';
import { partnerCallbackOf, partnerCallbackStatement } from '../persistence/partner-callbacks.js';
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

/**
 * Applies what other services report about payments: one transaction takes the inbox entries, and for each report in
 * delivery order locks the payment, lets the saga decide, stores the new stage and appends the commands it sends.
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

  /** One report in its own transaction (a batch that failed is applied again this way). */
  handle(event: Envelope<{ paymentId: string }>, fact: PaymentFact): Promise<void> {
    return applyOnce(this.db, CONSUMER, { ...event, fact }, this.advance);
  }

  /** The reports of a batch in one transaction, each in turn (the same payment twice: the second sees the first). */
  handleBatch(reports: readonly ServiceReport[]): Promise<void> {
    return applyEach(this.db, CONSUMER, reports, this.advance);
  }

  /** Claim → the payment, locked → the saga decides → the stage and its step → the commands and the outcome. */
  private readonly advance: MessageEffect<ServiceReport, { payments: ReturnType<typeof sql> }> = {
    reads: (event) => ({
      payments: sql`SELECT id, idempotency_key, phone, service, account, amount, stage, reason, created_at
                    FROM payments WHERE id = ${event.payload.paymentId} FOR UPDATE`,
    }),
    apply: async (tx, event, { payments: [payment] }) => {
      if (!payment) throw new PermanentMessageError('UNKNOWN_PAYMENT', `no payment ${event.payload.paymentId}`);
      const reaction = react(payment as PaymentState, event.fact);
      if (reaction.kind === 'ignore') return;
      if (reaction.kind === 'impossible')
        throw new PermanentMessageError('IMPOSSIBLE_TRANSITION', `payment ${payment.id}: ${reaction.why}`);
      const reason = reaction.reason ?? null;
      // Held for the next round trip: the payment is locked, so the update finds its row; nothing needs the results.
      tx.atCommit(
        sql`UPDATE payments SET stage = ${reaction.stage}, reason = COALESCE(${reason}, reason), updated_at = now()
            WHERE id = ${payment.id}`,
      );
      tx.atCommit(
        sql`INSERT INTO payment_steps (payment_id, stage, reason, cause_message_id, at)
            VALUES (${payment.id}, ${reaction.stage}, ${reason}, ${event.messageId}, ${this.clock.now()})`,
      );
      for (const command of reaction.commands) await this.send(tx.manager, payment, command, event);
      await this.announceOutcome(tx, payment, reaction.stage, reason, event);
      const outcome = outcomeOf(reaction.stage);
      if (!outcome) return;
      const seconds = (this.clock.now().getTime() - new Date(payment.created_at).getTime()) / 1000;
      const finished = { service: payment.service, outcome, reason: reason ?? payment.reason ?? null, seconds };
      // The partner's final-status callback is owed in this same transaction, and sent right after its commit.
      const callback = this.callbacks.enabled
        ? partnerCallbackOf({
            id: payment.id,
            service: payment.service,
            account: payment.account,
            amount: payment.amount,
            stage: reaction.stage,
            reason: finished.reason,
            finalAt: this.clock.now(),
          })
        : undefined;
      if (callback) tx.atCommit(partnerCallbackStatement(callback, this.callbacks.sentAfterCommitS));
      return () => {
        this.finals.committed(payment.id);
        if (callback) this.callbacks.committed(callback);
        paymentMetrics.finished(finished.service, finished.outcome, finished.reason, finished.seconds);
        annotateTrace({
          'payment.outcome': finished.outcome.toUpperCase(),
          ...(finished.reason ? { 'payment.reason': finished.reason } : {}),
        });
      };
    },
  };

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

  private async send(
    tx: EntityManager,
    payment: Record<string, string>,
    command: PaymentCommand,
    cause: Envelope,
  ): Promise<void> {
    const requestedAt = this.clock.now().toISOString();
    const base = { paymentId: payment.id, amount: payment.amount, requestedAt };
    if (command.kind === 'refund') {
      await this.outbox.append(
        tx,
        PaymentRefundRequestedV1,
        { ...base, phone: payment.phone, reason: command.reason },
        cause,
      );
    } else if (command.service === 'SOCHI') {
      await this.outbox.append(
        tx,
        SochiTopUpRequestedV1,
        { ...base, inn: payment.account, payerPhone: payment.phone },
        cause,
      );
    } else {
      await this.outbox.append(
        tx,
        EcpInvoicePaymentRequestedV1,
        { ...base, invoiceNumber: payment.account, payerPhone: payment.phone },
        cause,
      );
    }
  }
}
