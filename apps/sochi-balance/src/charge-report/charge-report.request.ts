import { z } from 'zod';
import { somAmountField } from '#platform';
import { REPORT_ID_PATTERN } from '../domain/report-charge.js';

/** A report to be paid from the organization's СОЧИ balance; `reportId` makes the request idempotent. */
export const chargeReportRequest = z
  .object({
    reportId: z
      .string()
      .regex(REPORT_ID_PATTERN, '1–64 characters: letters, digits, . _ : -')
      .meta({ example: 'NDS-2026-11-000123' }),
    description: z.string().trim().min(1).max(300).meta({ example: 'Отчет по НДС за ноябрь 2026' }),
    price: somAmountField('INVALID_AMOUNT', '350.00'),
  })
  .strict();
export type ChargeReportRequest = z.output<typeof chargeReportRequest>;

export const listChargesQuery = z.object({
  status: z.enum(['AWAITING_PAYMENT', 'PAID']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListChargesQuery = z.infer<typeof listChargesQuery>;
