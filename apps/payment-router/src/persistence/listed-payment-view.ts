import { z } from 'zod';
import { formatSom } from '#money';
import { phoneText, somText, timestampText } from '#platform';
import { statusOf, type PaymentStage } from '../domain/payment-saga.js';
import { waitingFor } from '../domain/waiting-for.js';

const STAGES = [
  'AWAITING_DEBIT',
  'AWAITING_PAYEE',
  'AWAITING_REFUND',
  'COMPLETED',
  'REJECTED',
  'REFUNDED',
] as const satisfies readonly PaymentStage[];

/** A payment as staff's lists show it: who paid what to which account, where it is, and what it waits for. */
export const listedPaymentSchema = z.object({
  paymentId: z.uuid(),
  idempotencyKey: z.string().meta({
    description: "The Idempotency-Key as MegaPay sent it (an autopayment run's is autopayment:<run id>)",
    example: 'megapay-7f1c0c1e',
  }),
  phone: phoneText,
  service: z.enum(['SOCHI', 'ECP']),
  account: z.string().meta({ description: 'The INN (СОЧИ) or invoice number (ЭЦП)', example: '01234567890123' }),
  amount: somText,
  status: z.enum(['PENDING', 'COMPLETED', 'REJECTED', 'REFUNDED']),
  stage: z.enum(STAGES).meta({ description: 'Where a PENDING payment is' }),
  reason: z.string().nullable().meta({ description: 'Why it was rejected or refunded', example: null }),
  createdAt: timestampText,
  finalAt: timestampText
    .nullable()
    .meta({ description: 'When it became COMPLETED, REJECTED or REFUNDED; null while PENDING' }),
  waitingFor: z.string().nullable().meta({
    description:
      'What a PENDING payment waits for: wallet debit and СОЧИ credit, wallet debit and ЭЦП invoice payment (before the payee answers: the wallet sends a debited payment on itself), СОЧИ credit or ЭЦП invoice payment (payments from before that), wallet refund; null when final',
    example: 'СОЧИ credit',
  }),
});
export type ListedPayment = z.output<typeof listedPaymentSchema>;

/** A row of LISTED_PAYMENT_COLUMNS as the lists show it. */
export function listedPaymentView(row: Record<string, any>): ListedPayment {
  const stage = row.stage as PaymentStage;
  return {
    paymentId: row.id,
    idempotencyKey: row.megapay_key,
    phone: row.phone,
    service: row.service,
    account: row.account,
    amount: formatSom(BigInt(row.amount)),
    status: statusOf(stage),
    stage,
    reason: row.reason ?? null,
    createdAt: new Date(row.created_at).toISOString(),
    finalAt: row.final_at ? new Date(row.final_at).toISOString() : null,
    waitingFor: waitingFor(stage, row.service),
  };
}
