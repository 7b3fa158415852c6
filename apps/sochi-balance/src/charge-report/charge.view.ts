import { formatSom } from '#money';

export const CHARGE_COLUMNS = 'id, report_id, inn, description, price, status, requested_at, paid_at';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function chargeView(r: Record<string, any>) {
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
