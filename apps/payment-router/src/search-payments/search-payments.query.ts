import { z } from 'zod';
import { IDEMPOTENCY_KEY_MAX_LENGTH, phoneText } from '#platform';
import type { PaymentStage } from '../domain/payment-saga.js';
import { PAYMENT_SORTS } from '../persistence/payment-search.js';

const STAGES_OF: Record<string, PaymentStage[]> = {
  PENDING: ['AWAITING_DEBIT', 'AWAITING_PAYEE', 'AWAITING_REFUND'],
  COMPLETED: ['COMPLETED'],
  REJECTED: ['REJECTED'],
  REFUNDED: ['REFUNDED'],
  AWAITING_DEBIT: ['AWAITING_DEBIT'],
  AWAITING_PAYEE: ['AWAITING_PAYEE'],
  AWAITING_REFUND: ['AWAITING_REFUND'],
};
const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v));

/** The filters, order and page of GET /v1/payments. */
export const searchPaymentsQuery = z
  .object({
    paymentId: z.uuid().optional(),
    idempotencyKey: z.string().min(1).max(IDEMPOTENCY_KEY_MAX_LENGTH).optional(),
    phone: phoneText.optional(),
    account: z
      .string()
      .regex(/^([0-9]{14}|[0-9]{16})$/, 'an INN (14 digits) or an invoice number (16 digits)')
      .optional(),
    service: z.enum(['SOCHI', 'ECP']).optional(),
    status: z
      .string()
      .transform((text, ctx) => {
        const names = text.split(',');
        const unknown = names.filter((n) => !Object.hasOwn(STAGES_OF, n));
        if (unknown.length === 0) return [...new Set(names.flatMap((n) => STAGES_OF[n]))];
        ctx.addIssue({
          code: 'custom',
          message: `not a status: ${unknown.join(', ')}; one or more of ${Object.keys(STAGES_OF).join(', ')}`,
          params: { code: 'INVALID_STATUS' },
        });
        return z.NEVER;
      })
      .optional(),
    reason: z
      .string()
      .regex(/^[A-Z][A-Z_]{0,63}$/, 'a reason code such as INSUFFICIENT_FUNDS')
      .optional(),
    from: instant.optional(),
    to: instant.optional(),
    stuck: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    stuckAfterMinutes: z.coerce.number().int().min(1).max(10_080).optional(),
    sort: z.enum(PAYMENT_SORTS).default('-createdAt'),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from < q.to, {
    path: ['to'],
    message: 'to is not after from',
    params: { code: 'INVALID_PERIOD' },
  });
export type SearchPaymentsQuery = z.output<typeof searchPaymentsQuery>;
