import type { Tyiyn } from '#money';
import type { EntityManager } from 'typeorm';
import { updateReturning } from './sql.js';

/** Writes the month's new turnover, failing if it is not the value the decision was made on. */
export async function setMonthTurnover(tx: EntityManager, phone: string, month: string, before: Tyiyn | null, after: Tyiyn): Promise<void> {
  const rows: unknown[] =
    before === null
      ? await tx.query(`INSERT INTO wallet_month_turnover (phone, month, amount) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`, [
          phone,
          month,
          after.toString(),
        ])
      : await updateReturning(tx, `UPDATE wallet_month_turnover SET amount = $4 WHERE phone = $1 AND month = $2 AND amount = $3 RETURNING 1`, [
          phone,
          month,
          before.toString(),
          after.toString(),
        ]);
  if (rows.length !== 1) throw new Error(`the ${month} turnover of wallet ${phone} changed under its lock`);
}
