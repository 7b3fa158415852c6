import { z } from 'zod';
import { formatSom } from '#money';
import { somText, timestampText } from '#platform';

export const CHARGE_COLUMNS = 'id, report_id, inn, description, price, status, requested_at, paid_at';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A report charge as the API shows it. */
export const chargeSchema = z.object({
  reportId: z.string().meta({ example: 'NDS-2026-11-000123' }),
  inn: z.string().meta({ example: '01234567890123' }),
  description: z.string(),
  price: somText,
  status: z.enum(['AWAITING_PAYMENT', 'PAID']),
  requestedAt: timestampText.nullable(),
  paidAt: timestampText.nullable().meta({ description: 'null while AWAITING_PAYMENT' }),
});
export type Charge = z.output<typeof chargeSchema>;

/** The answer of charging a report: the charge and the СОЧИ balance after it. */
export const chargeResultSchema = chargeSchema.extend({ balance: somText });
export type ChargeResult = z.output<typeof chargeResultSchema>;

/** The answer of listing an organization's charges, oldest first. */
export const chargeListSchema = z.object({ items: z.array(chargeSchema) });
export type ChargeList = z.output<typeof chargeListSchema>;

export function chargeView(r: Record<string, any>): Charge {
  return {
    reportId: r.report_id as string,
    inn: r.inn as string,
    description: r.description as string,
    price: formatSom(BigInt(r.price)),
    status: r.status as 'AWAITING_PAYMENT' | 'PAID',
    requestedAt: iso(r.requested_at),
    paidAt: iso(r.paid_at),
  };
}
