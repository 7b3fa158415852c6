import type { Tyiyn } from '#money';
import type { SqlLiteral } from '#platform';
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

/**
 * The same compare-and-set as one statement with inlined values, for a batch; it returns one row exactly when the
 * turnover was the value the decision was made on.
 */
export function monthTurnoverStatement(lit: SqlLiteral, phone: string, month: string, before: Tyiyn | null, after: Tyiyn): string {
  return before === null
    ? `INSERT INTO wallet_month_turnover (phone, month, amount) VALUES (${lit(phone)}, ${lit(month)}, ${lit(after)}) ON CONFLICT DO NOTHING RETURNING 1`
    : `UPDATE wallet_month_turnover SET amount = ${lit(after)} WHERE phone = ${lit(phone)} AND month = ${lit(month)} AND amount = ${lit(before)} RETURNING 1`;
}
