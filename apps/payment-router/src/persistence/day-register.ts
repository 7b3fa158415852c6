import type { SqlExecutor } from '#messaging';
import type { OurEntry } from '../domain/reconciliation.js';
import { MEGAPAY_KEY } from './payment-search.js';

/** Our register of a day: every payment whose final step (COMPLETED, REJECTED, REFUNDED) happened in [from, to), by MegaPay's key. */
export async function ourRegister(db: SqlExecutor, from: Date, to: Date): Promise<OurEntry[]> {
  const rows: Record<string, any>[] = await db.query(
    `SELECT p.id, ${MEGAPAY_KEY} AS megapay_key, p.phone, p.service, p.account, p.amount, s.stage, s.at
       FROM payment_steps s JOIN payments p ON p.id = s.payment_id
      WHERE s.stage IN ('COMPLETED', 'REJECTED', 'REFUNDED') AND s.at >= $1 AND s.at < $2
      ORDER BY megapay_key`,
    [from, to],
  );
  return rows.map((r) => ({
    paymentId: r.id,
    idempotencyKey: r.megapay_key,
    phone: r.phone,
    service: r.service,
    account: r.account,
    amount: BigInt(r.amount),
    status: r.stage,
    at: new Date(r.at),
  }));
}
