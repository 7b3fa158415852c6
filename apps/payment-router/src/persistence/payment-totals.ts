import type { SqlExecutor } from '#messaging';
import type { Tyiyn } from '#money';
import type { PaymentStatus } from '../domain/payment-saga.js';

const HOUR_MS = 60 * 60 * 1000;

/** Count and sum of the payments requested in [from, to), per service and status. */
export async function totalsPerServiceAndStatus(
  db: SqlExecutor,
  from: Date,
  to: Date,
): Promise<Array<{ service: 'SOCHI' | 'ECP'; status: PaymentStatus; count: number; amount: Tyiyn }>> {
  const rows: Record<string, any>[] = await db.query(
    `SELECT service, CASE WHEN stage LIKE 'AWAITING_%' THEN 'PENDING' ELSE stage END AS status, count(*)::int AS count, sum(amount)::text AS amount
       FROM payments WHERE created_at >= $1 AND created_at < $2
      GROUP BY 1, 2 ORDER BY 1 DESC, 2`,
    [from, to],
  );
  return rows.map((r) => ({ service: r.service, status: r.status, count: r.count, amount: BigInt(r.amount) }));
}

/** Count and sum of the payments requested in each of the `hours` whole hours up to `now`, oldest first, empty hours included. */
export async function totalsPerHour(
  db: SqlExecutor,
  hours: number,
  now: Date,
): Promise<Array<{ hourStart: Date; count: number; amount: Tyiyn }>> {
  const first = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - (hours - 1) * HOUR_MS;
  const rows: Record<string, any>[] = await db.query(
    `SELECT floor(extract(epoch FROM created_at - $1::timestamptz) / 3600)::int AS hour, count(*)::int AS count, sum(amount)::text AS amount
       FROM payments WHERE created_at >= $1 AND created_at <= $2
      GROUP BY 1`,
    [new Date(first), now],
  );
  const byHour = new Map(rows.map((r) => [r.hour as number, r]));
  return Array.from({ length: hours }, (_, i) => {
    const r = byHour.get(i);
    return { hourStart: new Date(first + i * HOUR_MS), count: r?.count ?? 0, amount: r ? BigInt(r.amount) : 0n };
  });
}
