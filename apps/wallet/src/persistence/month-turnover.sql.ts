import type { Tyiyn } from '#money';
import { sql, type Sql } from '#platform';

/**
 * Writes the month's new turnover as a compare-and-set: it returns one row exactly when the turnover was the value
 * the decision was made on (callers fail otherwise).
 */
export function monthTurnoverStatement(phone: string, month: string, before: Tyiyn | null, after: Tyiyn): Sql {
  return before === null
    ? sql`INSERT INTO wallet_month_turnover (phone, month, amount) VALUES (${phone}, ${month}, ${after})
          ON CONFLICT DO NOTHING RETURNING 1`
    : sql`UPDATE wallet_month_turnover SET amount = ${after}
          WHERE phone = ${phone} AND month = ${month} AND amount = ${before} RETURNING 1`;
}

/**
 * The turnovers of one month of many wallets as compare-and-sets, set-based: new rows inserted (none may exist yet),
 * existing ones updated only where they still hold the value decided on. Each returns one row per wallet it wrote.
 */
export function monthTurnoversStatements(
  month: string,
  changes: readonly { phone: string; before: Tyiyn | null; after: Tyiyn }[],
): { inserted: Sql | null; updated: Sql | null } {
  const fresh = changes.filter((c) => c.before === null);
  const known = changes.filter((c) => c.before !== null);
  return {
    inserted:
      fresh.length === 0
        ? null
        : sql`INSERT INTO wallet_month_turnover (phone, month, amount)
              VALUES ${sql.values(fresh.map((c) => [c.phone, month, c.after]))} ON CONFLICT DO NOTHING RETURNING phone`,
    updated:
      known.length === 0
        ? null
        : sql`UPDATE wallet_month_turnover t SET amount = v.after
              FROM (VALUES ${sql.values(known.map((c) => [c.phone, c.before, c.after]))}) AS v (phone, before, after)
              WHERE t.phone = v.phone AND t.month = ${month} AND t.amount = v.before RETURNING t.phone`,
  };
}
