import { z } from 'zod';
import { signedSomText, somText, timestampText } from '#platform';

const calendarDay = z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/);

/** The answer of GET /v1/sochi/organizations/{inn}/statement. */
export const statementSchema = z.object({
  inn: z.string().meta({ example: '01234567890123' }),
  name: z.string(),
  from: calendarDay.meta({ example: '2026-11-01' }),
  to: calendarDay.meta({ example: '2026-11-30' }),
  timeZone: z.literal('Asia/Bishkek'),
  openingBalance: somText,
  credits: somText,
  charges: somText,
  closingBalance: somText,
  entries: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['TOP_UP', 'CHARGE']),
      amount: signedSomText,
      balanceAfter: somText,
      paymentId: z.uuid().nullable(),
      reportId: z.string().nullable(),
      at: timestampText,
    }),
  ),
});
export type Statement = z.output<typeof statementSchema>;
