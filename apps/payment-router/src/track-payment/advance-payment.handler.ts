import { Inject, Injectable } from '@nestjs/common';
import { applyOnce, CONSUMER_DATA_SOURCE, CLOCK, type Clock } from '#platform';
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
import { paymentMetrics } from '../observe-payments/payment-metrics.js';
import {
  react,
  type PaymentCommand,
  type PaymentFact,
  type PaymentStage,
  type PaymentState,
} from '../domain/payment-saga.js';

const CONSUMER = 'payment-router.advance-payment';

/**
 * Applies what another service reports about a payment: one transaction takes the inbox entry, locks the
 * payment, lets the saga decide, stores the new stage and appends the commands it sends.
 */
@Injectable()
export class AdvancePaymentHandler {
  constructor(
    @Inject(CONSUMER_DATA_SOURCE) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(event: Envelope<{ paymentId: string }>, fact: PaymentFact): Promise<void> {
    const paymentId = event.payload.paymentId;
    /** Set when this transaction made the payment final: counted once it committed. */
    let finished:
      | { service: string; outcome: NonNullable<ReturnType<typeof outcomeOf>>; reason: string | null; seconds: number }
      | undefined;
    await applyOnce(
      this.db,
      CONSUMER,
      event,
      async (tx, { opened: [[payment]], lit, atCommit }) => {
        if (!payment) throw new PermanentMessageError('UNKNOWN_PAYMENT', `no payment ${paymentId}`);
        const reaction = react(payment as PaymentState, fact);
        if (reaction.kind === 'ignore') return;
        if (reaction.kind === 'impossible')
          throw new PermanentMessageError('IMPOSSIBLE_TRANSITION', `payment ${payment.id}: ${reaction.why}`);
        const reason = reaction.reason ?? null;
        // Written with the COMMIT: the payment is locked, so the update finds its row; nothing needs their results.
        atCommit(
          `UPDATE payments SET stage = ${lit(reaction.stage)}, reason = COALESCE(${lit(reason)}, reason), updated_at = now() WHERE id = ${lit(payment.id)}`,
        );
        atCommit(
          `INSERT INTO payment_steps (payment_id, stage, reason, cause_message_id, at) VALUES (${lit(payment.id)}, ${lit(reaction.stage)}, ${lit(reason)}, ${lit(event.messageId)}, ${lit(this.clock.now())})`,
        );
        for (const command of reaction.commands) await this.send(tx, payment, command, event);
        await this.announceOutcome(tx, payment, reaction.stage, reason, event);
        const outcome = outcomeOf(reaction.stage);
        if (outcome) {
          const seconds = (this.clock.now().getTime() - new Date(payment.created_at).getTime()) / 1000;
          finished = { service: payment.service, outcome, reason: reason ?? payment.reason ?? null, seconds };
        }
      },
      {
        reads: (lit) => [
          `SELECT id, idempotency_key, phone, service, account, amount, stage, reason, created_at FROM payments WHERE id = ${lit(paymentId)} FOR UPDATE`,
        ],
      },
    );
    if (finished) {
      paymentMetrics.finished(finished.service, finished.outcome, finished.reason, finished.seconds);
      annotateTrace({
        'payment.outcome': finished.outcome.toUpperCase(),
        ...(finished.reason ? { 'payment.reason': finished.reason } : {}),
      });
    }
  }

  /** Publishes the payment's final stage for the wallet (notifications, autopayment runs); nothing while it is under way. */
  private async announceOutcome(
    tx: EntityManager,
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
    if (outcome === 'completed') await this.outbox.append(tx, PaymentCompletedV1, { ...base, completedAt: at }, cause);
    // The saga gives every rejection and refund its reason; the payment row keeps it too.
    else if (outcome === 'rejected')
      await this.outbox.append(
        tx,
        PaymentRejectedV1,
        { ...base, reason: reason ?? payment.reason, rejectedAt: at },
        cause,
      );
    else
      await this.outbox.append(
        tx,
        PaymentRefundedV1,
        { ...base, reason: reason ?? payment.reason, refundedAt: at },
        cause,
      );
  }

  /** Records that the electronic signature for an ЭЦП payment was produced (the payment itself completed earlier). */
  async recordSignature(event: Envelope<{ paymentId: string; producedAt: string }>): Promise<void> {
    await applyOnce(this.db, CONSUMER, event, async (tx) => {
      await tx.query(
        `UPDATE payments SET signature_produced_at = $2, updated_at = now() WHERE id = $1 AND service = 'ECP'`,
        [event.payload.paymentId, event.payload.producedAt],
      );
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
