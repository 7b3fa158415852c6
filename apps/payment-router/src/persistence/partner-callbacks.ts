import { formatSom } from '#money';
import { sql, type Sql } from '#platform';
import { statusOf, type PaymentStage } from '../domain/payment-saga.js';

/** What the partner is told when a payment becomes final: the wire forms of GET /v1/payments/{id}. */
export interface PartnerCallbackBody {
  paymentId: string;
  status: 'COMPLETED' | 'REJECTED' | 'REFUNDED';
  service: 'SOCHI' | 'ECP';
  account: string;
  /** Som, two decimals. */
  amount: string;
  /** Why it was rejected or refunded; absent when COMPLETED. */
  reason?: string;
  finalAt: string;
}

/** A callback to deliver: the payment it is about and its body, as the bytes that are signed and sent. */
export interface PartnerCallback {
  paymentId: string;
  body: string;
}

export interface FinalPayment {
  id: string;
  service: string;
  account: string;
  /** Tyiyn, as the payments row holds it. */
  amount: string | bigint;
  stage: PaymentStage;
  reason: string | null;
  finalAt: Date;
}

/** The callback of a payment that has just become final. */
export function partnerCallbackOf(payment: FinalPayment): PartnerCallback {
  const status = statusOf(payment.stage);
  if (status === 'PENDING') throw new Error(`payment ${payment.id} is not final (${payment.stage})`);
  const body: PartnerCallbackBody = {
    paymentId: payment.id,
    status,
    service: payment.service as PartnerCallbackBody['service'],
    account: payment.account,
    amount: formatSom(BigInt(payment.amount)),
    ...(status !== 'COMPLETED' && payment.reason ? { reason: payment.reason } : {}),
    finalAt: payment.finalAt.toISOString(),
  };
  return { paymentId: payment.id, body: JSON.stringify(body) };
}

/**
 * The statement that owes the partner the callbacks of payments that have just become final, for the transaction that
 * makes them final. `sentAfterCommitS`: the committing process sends them itself right after COMMIT, so the sweeps of
 * other instances leave the rows alone for that long (they take one only if this process died before delivering). A
 * payment is final once: a repeat is a no-op.
 */
export function partnerCallbackStatement(callbacks: readonly PartnerCallback[], sentAfterCommitS: number): Sql {
  const rows = sql.values(callbacks.map((c) => [c.paymentId, c.body]));
  return sql`INSERT INTO partner_callbacks (payment_id, body, next_attempt_at)
             SELECT v.payment_id::uuid, v.body, now() + make_interval(secs => ${sentAfterCommitS})
               FROM (VALUES ${rows}) AS v (payment_id, body)
             ON CONFLICT (payment_id) DO NOTHING`;
}

/** The pause before attempt `attempts + 1` after `attempts` failed ones: doubled each time, never above the cap. */
export function retryDelayMs(attempts: number, firstMs: number, capMs: number): number {
  return Math.min(capMs, firstMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
}
