import { z } from 'zod';
import { formatSom } from '#money';
import { phoneText, somText, timestampText } from '#platform';
import { reasonMessage } from '../domain/reasons.js';
import { statusOf, type PaymentStage } from '../domain/payment-saga.js';

const STAGES = [
  'AWAITING_DEBIT',
  'AWAITING_PAYEE',
  'AWAITING_REFUND',
  'COMPLETED',
  'REJECTED',
  'REFUNDED',
] as const satisfies readonly PaymentStage[];

/** A payment as every payments endpoint answers it. */
export const paymentSchema = z.object({
  id: z.uuid(),
  status: z.enum(['PENDING', 'COMPLETED', 'REJECTED', 'REFUNDED']),
  stage: z
    .enum(STAGES)
    .meta({ description: 'Where a PENDING payment is: waiting for the debit, the payee, or a refund' }),
  reason: z
    .string()
    .nullable()
    .meta({ description: 'Why it was rejected or refunded (INSUFFICIENT_FUNDS, UNKNOWN_INN, …)', example: null }),
  reasonMessage: z.string().nullable().meta({ description: 'The reason as the subscriber reads it', example: null }),
  phone: phoneText,
  service: z.enum(['SOCHI', 'ECP']),
  account: z.string().meta({ description: 'The INN (СОЧИ) or invoice number (ЭЦП)', example: '01234567890123' }),
  amount: somText,
  createdAt: timestampText,
  updatedAt: timestampText,
  signatureProducedAt: timestampText
    .nullable()
    .optional()
    .meta({ description: 'ЭЦП only: when the signature was produced' }),
  steps: z
    .array(z.object({ stage: z.enum(STAGES), reason: z.string().nullable(), at: timestampText }))
    .optional()
    .meta({ description: 'GET /v1/payments/{id} only: every step, oldest first' }),
  favoriteId: z.uuid().optional().meta({ description: 'POST /v1/payments/from-favorite only: the favorite paid' }),
});
export type PaymentAnswer = z.output<typeof paymentSchema>;

/** A payments row as the API shows it. */
export function paymentView(row: Record<string, any>, steps?: Record<string, any>[]): PaymentAnswer {
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
    ...(row.service === 'ECP'
      ? { signatureProducedAt: row.signature_produced_at ? new Date(row.signature_produced_at).toISOString() : null }
      : {}),
    ...(steps
      ? { steps: steps.map((s) => ({ stage: s.stage, reason: s.reason ?? null, at: new Date(s.at).toISOString() })) }
      : {}),
  };
}

export const PAYMENT_COLUMNS =
  'id, phone, service, account, amount, stage, reason, created_at, updated_at, signature_produced_at, request_fingerprint';
