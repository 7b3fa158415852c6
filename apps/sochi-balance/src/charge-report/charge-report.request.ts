import { z } from 'zod';
import { parseSom } from '#money';
import { INN_PATTERN } from '../domain/inn.js';
import { REPORT_ID_PATTERN } from '../domain/report-charge.js';

export const innParams = z.object({ inn: z.string().regex(INN_PATTERN, 'an INN is 14 digits') });
export type InnParams = z.infer<typeof innParams>;

/** A report to be paid from the organization's СОЧИ balance; `reportId` makes the request idempotent. */
export const chargeReportRequest = z
  .object({
    reportId: z
      .string()
      .regex(REPORT_ID_PATTERN, '1–64 characters: letters, digits, . _ : -')
      .meta({ example: 'NDS-2026-11-000123' }),
    description: z.string().trim().min(1).max(300).meta({ example: 'Отчет по НДС за ноябрь 2026' }),
    price: z.string().max(32).meta({ description: 'Som, a decimal string', example: '350.00' }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!parseSom(v.price).ok) {
      ctx.addIssue({
        code: 'custom',
        path: ['price'],
        message: 'a decimal string of som, more than 0, at most 1000000.00',
        params: { code: 'INVALID_AMOUNT' },
      });
    }
  })
  .transform((v) => ({ ...v, price: (parseSom(v.price) as { value: bigint }).value }));
export type ChargeReportRequest = z.output<typeof chargeReportRequest>;

export const listChargesQuery = z.object({
  status: z.enum(['AWAITING_PAYMENT', 'PAID']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListChargesQuery = z.infer<typeof listChargesQuery>;
