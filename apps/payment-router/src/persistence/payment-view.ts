import { formatSom } from '#money';
import { reasonMessage } from '../domain/reasons.js';
import { statusOf, type PaymentStage } from '../domain/payment-saga.js';

/** A payments row as the API shows it. */
export function paymentView(row: Record<string, any>, steps?: Record<string, any>[]) {
  return {
    id: row.id,
    status: statusOf(row.stage as PaymentStage),
    stage: row.stage,
    reason: row.reason ?? null,
    reasonMessage: reasonMessage(row.reason ?? null),
    phone: row.phone,
    service: row.service,
    account: row.account,
    amount: formatSom(BigInt(row.amount)),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    ...(row.service === 'ECP' ? { signatureProducedAt: row.signature_produced_at ? new Date(row.signature_produced_at).toISOString() : null } : {}),
    ...(steps ? { steps: steps.map((s) => ({ stage: s.stage, reason: s.reason ?? null, at: new Date(s.at).toISOString() })) } : {}),
  };
}

export const PAYMENT_COLUMNS = 'id, phone, service, account, amount, stage, reason, created_at, updated_at, signature_produced_at, request_fingerprint';
