import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PaymentStuckV1, type PayloadOf } from '#contracts';
import { Outbox } from '#messaging';
import type { PayableServiceCode } from '../domain/payable-service.js';
import { awaitedService, isStuck, type AwaitingStage } from '../domain/stuck-payment.js';

/** Payments claimed per transaction: small enough to keep row locks short, big enough to catch up quickly. */
export const STUCK_BATCH = 100;

export type NoticedPayment = PayloadOf<typeof PaymentStuckV1>;

interface Candidate {
  id: string;
  phone: string;
  service: PayableServiceCode;
  account: string;
  amount: string;
  stage: AwaitingStage;
  created_at: Date;
  stage_since: Date;
}

/**
 * Notices payments that are still not final PAYMENT_STUCK_AFTER_S after their request: marks `stuck_noticed_at` and
 * appends `payment.stuck` in one transaction, once per payment. Instances share the work: the claim skips payments
 * another instance (or the saga, advancing one) holds, FOR UPDATE SKIP LOCKED.
 */
@Injectable()
export class NoticeStuckPaymentsHandler {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  /** Notices one batch; returns the payments noticed and how many were claimed (fewer than `limit`: none left now). */
  async noticeBatch(
    now: Date,
    stuckAfterS: number,
    limit = STUCK_BATCH,
  ): Promise<{ claimed: number; noticed: NoticedPayment[] }> {
    return this.db.transaction(async (tx) => {
      const claimed: Candidate[] = await tx.query(
        `SELECT p.id, p.phone, p.service, p.account, p.amount::text AS amount, p.stage, p.created_at,
                (SELECT max(s.at) FROM payment_steps s WHERE s.payment_id = p.id) AS stage_since
           FROM payments p
          WHERE p.stage LIKE 'AWAITING_%' AND p.stuck_noticed_at IS NULL AND p.created_at <= $1::timestamptz - make_interval(secs => $2)
          ORDER BY p.created_at
          LIMIT $3
          FOR UPDATE OF p SKIP LOCKED`,
        [now, stuckAfterS, limit],
      );
      const noticed: NoticedPayment[] = [];
      for (const p of claimed) {
        if (!isStuck({ stage: p.stage, requestedAt: p.created_at }, now, stuckAfterS)) continue;
        await tx.query(`UPDATE payments SET stuck_noticed_at = $2 WHERE id = $1`, [p.id, now]);
        const payload: NoticedPayment = {
          paymentId: p.id,
          phone: p.phone,
          service: p.service,
          account: p.account,
          amount: p.amount,
          stage: p.stage,
          waitingFor: awaitedService(p.stage, p.service),
          stageSince: new Date(p.stage_since ?? p.created_at).toISOString(),
          requestedAt: new Date(p.created_at).toISOString(),
          noticedAt: now.toISOString(),
        };
        await this.outbox.append(tx, PaymentStuckV1, payload, { correlationId: p.id });
        noticed.push(payload);
      }
      return { claimed: claimed.length, noticed };
    });
  }
}
