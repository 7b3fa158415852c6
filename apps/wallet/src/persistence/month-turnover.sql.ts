import type { Tyiyn } from '#money';
import type { SqlLiteral } from '#platform';

/**
 * Writes the month's new turnover as a compare-and-set, one statement with inlined values for a transaction's batch:
 * it returns one row exactly when the turnover was the value the decision was made on (callers fail otherwise).
 */
export function monthTurnoverStatement(
  lit: SqlLiteral,
  phone: string,
  month: string,
  before: Tyiyn | null,
  after: Tyiyn,
): string {
  return before === null
    ? `INSERT INTO wallet_month_turnover (phone, month, amount) VALUES (${lit(phone)}, ${lit(month)}, ${lit(after)}) ON CONFLICT DO NOTHING RETURNING 1`
    : `UPDATE wallet_month_turnover SET amount = ${lit(after)} WHERE phone = ${lit(phone)} AND month = ${lit(month)} AND amount = ${lit(before)} RETURNING 1`;
}
