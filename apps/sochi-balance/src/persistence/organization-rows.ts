import type { SqlExecutor } from '#messaging';
import type { Tyiyn } from '#money';

export interface ListedOrganization {
  inn: string;
  name: string;
  balance: Tyiyn;
  createdAt: Date;
  awaitingReports: number;
  awaitingTotal: Tyiyn;
}

/**
 * A page of organizations by INN, those whose INN starts with `innPrefix` when given. The prefix becomes a range of
 * the primary key (prefix padded with 0s … with 9s), so the page is read from the index however many there are.
 */
export async function listOrganizations(
  db: SqlExecutor,
  innPrefix: string | undefined,
  page: number,
  pageSize: number,
): Promise<{ rows: ListedOrganization[]; total: number }> {
  const range =
    innPrefix === undefined
      ? ['00000000000000', '99999999999999']
      : [innPrefix.padEnd(14, '0'), innPrefix.padEnd(14, '9')];
  const rows: Record<string, any>[] = await db.query(
    `SELECT o.inn, o.name, o.balance, o.created_at,
            (SELECT count(*)::int FROM report_charges c WHERE c.inn = o.inn AND c.status = 'AWAITING_PAYMENT') AS awaiting_reports,
            (SELECT coalesce(sum(price), 0)::text FROM report_charges c WHERE c.inn = o.inn AND c.status = 'AWAITING_PAYMENT') AS awaiting_total
       FROM organizations o WHERE o.inn BETWEEN $1 AND $2 ORDER BY o.inn LIMIT $3 OFFSET $4`,
    [...range, pageSize, (page - 1) * pageSize],
  );
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM organizations WHERE inn BETWEEN $1 AND $2`, range);
  return {
    rows: rows.map((r) => ({
      inn: r.inn,
      name: r.name,
      balance: BigInt(r.balance),
      createdAt: new Date(r.created_at),
      awaitingReports: r.awaiting_reports,
      awaitingTotal: BigInt(r.awaiting_total),
    })),
    total: n,
  };
}
