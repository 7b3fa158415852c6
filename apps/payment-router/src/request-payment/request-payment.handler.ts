import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PaymentRequestedV1 } from '#contracts';
import { Outbox } from '#messaging';
import { ApiError } from '#platform';
import { fingerprint, type PaymentRequest } from '../domain/payment-request.js';
import { PAYMENT_COLUMNS } from '../persistence/payment-view.js';

/**
 * Accepts a payment: the payment row and the `payment.requested` event commit together, once per Idempotency-Key.
 * A retry with the same key and request returns the payment as it stands; the same key with another request is refused.
 */
@Injectable()
export class RequestPaymentHandler {
  constructor(@Inject(DataSource) private readonly db: DataSource, @Inject(Outbox) private readonly outbox: Outbox) {}

  async handle(idempotencyKey: string, request: PaymentRequest): Promise<{ row: Record<string, any>; replayed: boolean }> {
    const print = fingerprint(request);
    return this.db.transaction(async (tx) => {
      const id = randomUUID();
      const inserted = await tx.query(
        `INSERT INTO payments (id, idempotency_key, request_fingerprint, phone, service, account, amount, stage)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'AWAITING_DEBIT')
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING ${PAYMENT_COLUMNS}`,
        [id, idempotencyKey, print, request.phone, request.service, request.account, request.amount.toString()],
      );
      if (inserted.length === 1) {
        await tx.query(`INSERT INTO payment_steps (payment_id, stage) VALUES ($1, 'AWAITING_DEBIT')`, [id]);
        const requestedAt = new Date(inserted[0].created_at).toISOString();
        await this.outbox.append(
          tx,
          PaymentRequestedV1,
          { paymentId: id, phone: request.phone, service: request.service, account: request.account, amount: request.amount.toString(), requestedAt },
          { correlationId: id },
        );
        return { row: inserted[0], replayed: false };
      }
      // Another request holds this key (a concurrent one has committed by now: the insert waited for it).
      const [existing] = await tx.query(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE idempotency_key = $1`, [idempotencyKey]);
      if (existing.request_fingerprint !== print) {
        throw new ApiError(422, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used for a different payment request');
      }
      return { row: existing, replayed: true };
    });
  }
}
