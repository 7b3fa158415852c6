import { z } from 'zod';
import { somText, timestampText } from '#platform';

/** The payments requested on one Bishkek day, counted and summed per service and status. */
export const daySummarySchema = z.object({
  date: z.string().meta({ description: 'The Bishkek calendar day', example: '2026-11-26' }),
  totals: z
    .array(
      z.object({
        service: z.enum(['SOCHI', 'ECP']),
        status: z.enum(['PENDING', 'COMPLETED', 'REJECTED', 'REFUNDED']),
        count: z.number().int().min(0),
        amount: somText,
      }),
    )
    .meta({ description: 'Only the service and status pairs that have payments' }),
});
export type DaySummary = z.output<typeof daySummarySchema>;

/** The payments requested in each of the last hours. */
export const hourlyTotalsSchema = z.object({
  hours: z
    .array(z.object({ hourStart: timestampText, count: z.number().int().min(0), amount: somText }))
    .meta({ description: 'Oldest first; the last is the hour now under way' }),
});
export type HourlyTotals = z.output<typeof hourlyTotalsSchema>;
