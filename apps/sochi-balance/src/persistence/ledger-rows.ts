import type { Tyiyn } from '#money';
import { sql, type Sql } from '#platform';

/**
 * The time of a new ledger entry of an organization, as SQL: the service's clock, but never before the organization's
 * previous entry. Entries are written under the organization's lock, so the ledger's order by time is its order by id
 * whatever the instances' clocks say, and a statement's Bishkek-day boundaries cut it consistently (an opening
 * balance never includes an entry the period lists). Arguments are SQL: placeholders or literals.
 */
export function ledgerEntryAt(innSql: string, nowSql: string): string {
  return `GREATEST(${nowSql}::timestamptz, (SELECT max(created_at) FROM sochi_ledger WHERE inn = ${innSql}))`;
}

/** The ledger entry of a charged report, at `at` (the service's clock) or just after the organization's last entry. */
export async function chargeLedger(
  tx: { query(sql: string, params: unknown[]): Promise<unknown> },
  inn: string,
  reportId: string,
  price: Tyiyn,
  balanceAfter: Tyiyn,
  at: Date,
) {
  await tx.query(
    `INSERT INTO sochi_ledger (inn, kind, report_id, amount, balance_after, created_at) VALUES ($1, 'CHARGE', $2, $3, $4, ${ledgerEntryAt('$1', '$5')})`,
    [inn, reportId, price.toString(), balanceAfter.toString(), at],
  );
}

/** `ledgerEntryAt` for the `sql` tag. */
export function ledgerEntryAtSql(inn: string, at: Date): Sql {
  return sql`GREATEST(${at}::timestamptz, (SELECT max(created_at) FROM sochi_ledger WHERE inn = ${inn}))`;
}
