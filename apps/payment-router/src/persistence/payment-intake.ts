import { Inject, Injectable } from '@nestjs/common';
import { context, type Context } from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PaymentRequestedV1 } from '#contracts';
import { Outbox } from '#messaging';
import { CLOCK, inTransaction, sql, type Clock, type Transaction } from '#platform';
import { annotateTrace } from '#telemetry';
import { fingerprint, type PaymentRequest } from '../domain/payment-request.js';
import { paymentMetrics } from '../observability/payment-metrics.js';
import { PAYMENT_COLUMNS } from './payment-view.js';

/** What became of a payment request: accepted (new, or a replay of the same request), or refused. */
export type RequestPaymentResult =
  | { kind: 'accepted'; payment: Record<string, any>; replayed: boolean }
  /** The Idempotency-Key was used already for another request (another phone, service, account or amount). */
  | { kind: 'key-reused' };

/** Requests sharing one transaction at most. */
const MAX_GROUP = 64;

/** A request waiting for its group's transaction. */
interface Waiting {
  key: string;
  request: PaymentRequest;
  print: string;
  id: string;
  requestedAt: Date;
  /** The request's trace context: its event continues the request's trace, whichever request's turn runs the group. */
  trace: Context;
  done(result: RequestPaymentResult): void;
  failed(error: unknown): void;
}

/**
 * Accepts a payment: the payment row and the `payment.requested` event commit together, once per Idempotency-Key.
 * A retry with the same key and request returns the payment as it stands; the same key with another request is refused.
 *
 * Group commit: requests arriving while a transaction is committing wait and go together in the next one (up to
 * MAX_GROUP), so concurrent requests share one transaction, one COMMIT (one WAL flush) and one outbox flush. A request
 * arriving when none commits starts its own at once: no timer, no added wait when idle. Everything a request's answer
 * depends on is decided per request from the rows (its key new, replayed or reused); should the group's transaction
 * fail, each request is tried again in a transaction of its own, so that one request's failure is only its own.
 */
@Injectable()
export class PaymentIntake {
  private waiting: Waiting[] = [];
  private committing = false;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(idempotencyKey: string, request: PaymentRequest): Promise<RequestPaymentResult> {
    const result = await new Promise<RequestPaymentResult>((done, failed) => {
      this.waiting.push({
        key: idempotencyKey,
        request,
        print: fingerprint(request),
        id: randomUUID(),
        requestedAt: this.clock.now(),
        trace: context.active(),
        done,
        failed,
      });
      this.commitNext();
    });
    if (result.kind === 'accepted') {
      if (!result.replayed) paymentMetrics.requested(request.service);
      annotateTrace({ 'payment.id': String(result.payment.id), 'payment.service': request.service });
    }
    return result;
  }

  /** Starts the next group's transaction unless one is committing (its end starts the next). */
  private commitNext(): void {
    if (this.committing || this.waiting.length === 0) return;
    const group = this.waiting.splice(0, MAX_GROUP);
    this.committing = true;
    void this.commitGroup(group).finally(() => {
      this.committing = false;
      this.commitNext();
    });
  }

  private async commitGroup(group: Waiting[]): Promise<void> {
    try {
      const results = await this.accept(group);
      group.forEach((w, i) => w.done(results[i]));
    } catch (e) {
      if (group.length === 1) return group[0].failed(e);
      // One transaction per request: the failure (a database error of one row, say) stays with its request.
      for (const w of group) await this.commitGroup([w]);
    }
  }

  /**
   * One transaction for the group. With BEGIN, in one round trip: the payments and their first steps, unless their
   * keys are taken; then, in a statement of its own (so that its snapshot sees a concurrent request that held a key
   * and has committed by now: the insert waited for it), the payments of every key of the group.
   */
  private async accept(group: Waiting[]): Promise<RequestPaymentResult[]> {
    // Two requests of the group with one key: the first inserts, the others are answered from its row.
    const first = new Map<string, Waiting>();
    for (const w of group) if (!first.has(w.key)) first.set(w.key, w);
    const inserting = [...first.values()];
    return inTransaction(
      this.db,
      {
        inserted: sql`WITH payment AS (
           INSERT INTO payments (id, idempotency_key, request_fingerprint, phone, service, account, amount, stage,
                                 created_at)
           VALUES ${sql.values(
             inserting.map(({ id, key, print, request: r, requestedAt }) => [
               id,
               key,
               print,
               r.phone,
               r.service,
               r.account,
               r.amount,
               'AWAITING_DEBIT',
               requestedAt,
             ]),
           )}
           ON CONFLICT (idempotency_key) DO NOTHING RETURNING id, created_at
         ), first_step AS (
           INSERT INTO payment_steps (payment_id, stage, at) SELECT id, 'AWAITING_DEBIT', created_at FROM payment
         )
         SELECT id FROM payment`,
        payments: sql`SELECT idempotency_key, ${sql.constant(PAYMENT_COLUMNS)} FROM payments
          WHERE idempotency_key IN (${sql.list(inserting.map((w) => w.key))})`,
      },
      async ({ manager: tx }, { inserted, payments }) => {
        const created = new Set(inserted.map((r) => String(r.id)));
        const byKey = new Map(payments.map(({ idempotency_key: key, ...payment }) => [String(key), payment]));
        const results: RequestPaymentResult[] = [];
        for (const w of group) {
          const payment = byKey.get(w.key);
          if (!payment) throw new Error(`no payment holds the Idempotency-Key of request ${w.id}`);
          if (payment.request_fingerprint !== w.print) {
            results.push({ kind: 'key-reused' });
            continue;
          }
          const isNew = payment.id === w.id && created.has(w.id);
          if (isNew) await context.with(w.trace, () => this.requested(tx, w));
          results.push({ kind: 'accepted', payment, replayed: !isNew });
        }
        return results;
      },
    );
  }

  private requested(tx: Transaction['manager'], w: Waiting): Promise<string> {
    return this.outbox.append(
      tx,
      PaymentRequestedV1,
      {
        paymentId: w.id,
        phone: w.request.phone,
        service: w.request.service,
        account: w.request.account,
        amount: w.request.amount.toString(),
        requestedAt: w.requestedAt.toISOString(),
      },
      { correlationId: w.id },
    );
  }
}
