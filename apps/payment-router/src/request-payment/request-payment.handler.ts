import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PaymentRequestedV1 } from '#contracts';
import { Outbox } from '#messaging';
import { ApiError, CLOCK, inTransaction, type Clock } from '#platform';
import { annotateTrace } from '#telemetry';
import { fingerprint, type PaymentRequest } from '../domain/payment-request.js';
import { paymentMetrics } from '../observe-payments/payment-metrics.js';
import { PAYMENT_COLUMNS } from '../persistence/payment-view.js';

/**
 * Accepts a payment: the payment row and the `payment.requested` event commit together, once per Idempotency-Key.
 * A retry with the same key and request returns the payment as it stands; the same key with another request is refused.
 */
@Injectable()
export class RequestPaymentHandler {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(
    idempotencyKey: string,
    request: PaymentRequest,
  ): Promise<{ row: Record<string, any>; replayed: boolean }> {
    const print = fingerprint(request);
    const id = randomUUID();
    const requestedAt = this.clock.now();
    const accepted = await inTransaction(
      this.db,
      // With BEGIN, in one round trip: the payment and its first step, unless the key is taken.
      (lit) => [
        `WITH payment AS (
           INSERT INTO payments (id, idempotency_key, request_fingerprint, phone, service, account, amount, stage, created_at)
           VALUES (${lit(id)}, ${lit(idempotencyKey)}, ${lit(print)}, ${lit(request.phone)}, ${lit(request.service)}, ${lit(request.account)}, ${lit(request.amount)}, 'AWAITING_DEBIT', ${lit(requestedAt)})
           ON CONFLICT (idempotency_key) DO NOTHING RETURNING ${PAYMENT_COLUMNS}
         ), first_step AS (INSERT INTO payment_steps (payment_id, stage, at) SELECT id, 'AWAITING_DEBIT', created_at FROM payment)
         SELECT * FROM payment`,
      ],
      async (tx, { opened: [inserted] }) => {
        if (inserted.length === 1) {
          await this.outbox.append(
            tx,
            PaymentRequestedV1,
            {
              paymentId: id,
              phone: request.phone,
              service: request.service,
              account: request.account,
              amount: request.amount.toString(),
              requestedAt: requestedAt.toISOString(),
            },
            { correlationId: id },
          );
          return { row: inserted[0], replayed: false };
        }
        // Another request holds this key (a concurrent one has committed by now: the insert waited for it).
        const [existing] = await tx.query(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE idempotency_key = $1`, [
          idempotencyKey,
        ]);
        if (existing.request_fingerprint !== print) {
          throw new ApiError(
            422,
            'IDEMPOTENCY_KEY_REUSED',
            'this Idempotency-Key was already used for a different payment request',
          );
        }
        return { row: existing, replayed: true };
      },
    );
    if (!accepted.replayed) paymentMetrics.requested(request.service);
    annotateTrace({ 'payment.id': String(accepted.row.id), 'payment.service': request.service });
    return accepted;
  }
}
