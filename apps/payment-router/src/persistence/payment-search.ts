import type { SqlExecutor } from '#messaging';
import type { PaymentStage } from '../domain/payment-saga.js';

/** What staff search payments by; every field narrows the result. */
export interface PaymentSearch {
  paymentId?: string;
  idempotencyKey?: string;
  phone?: string;
  account?: string;
  service?: 'SOCHI' | 'ECP';
  stages?: PaymentStage[];
  reason?: string;
  /** created_at on or after */
  from?: Date;
  /** created_at before */
  to?: Date;
  /** Only payments not final and requested before this instant. */
  stuckSince?: Date;
  sort: PaymentSort;
  page: number;
  pageSize: number;
}

export const PAYMENT_SORTS = ['-createdAt', 'createdAt', '-amount', 'amount'] as const;
export type PaymentSort = (typeof PAYMENT_SORTS)[number];

/** Counting stops here: past it, an exact count costs a scan of every matching row and tells staff nothing more. */
export const TOTAL_CAP = 10_000;

// Each order matches an index (payments_by_created, payments_by_amount) read forwards or backwards.
const ORDER: Record<PaymentSort, string> = {
  '-createdAt': 'p.created_at DESC, p.id DESC',
  createdAt: 'p.created_at ASC, p.id ASC',
  '-amount': 'p.amount DESC, p.created_at DESC, p.id DESC',
  amount: 'p.amount ASC, p.created_at ASC, p.id ASC',
};

/**
 * The Idempotency-Key as MegaPay sent it. The router stores a partner's key scoped to the partner
 * (`partner:<keyid>/<key>`, request-payment); staff and MegaPay's register know the key alone. Indexed as is
 * (payments_by_megapay_key), so write it exactly so.
 */
export const MEGAPAY_KEY = `regexp_replace(p.idempotency_key, '^partner:[^/]*/', '')`;

/** A payment row with MegaPay's key and the moment it became final (null while it is not). */
export const LISTED_PAYMENT_COLUMNS = `p.id, ${MEGAPAY_KEY} AS megapay_key, p.phone, p.service, p.account, p.amount, p.stage, p.reason, p.created_at, p.signature_produced_at,
  (SELECT s.at FROM payment_steps s WHERE s.payment_id = p.id AND s.stage IN ('COMPLETED', 'REJECTED', 'REFUNDED') ORDER BY s.id DESC LIMIT 1) AS final_at`;

/** One page of the payments that match, and how many match (at most TOTAL_CAP). */
export async function searchPayments(
  db: SqlExecutor,
  search: PaymentSearch,
): Promise<{ rows: Record<string, any>[]; total: number; totalIsExact: boolean }> {
  const { where, params } = conditions(search);
  // The page first, then each row's final step: the steps of the rows OFFSET skips are never read.
  const rows = await db.query(
    `SELECT ${LISTED_PAYMENT_COLUMNS} FROM (SELECT * FROM payments p ${where} ORDER BY ${ORDER[search.sort]} LIMIT $${params.length + 1} OFFSET $${params.length + 2}) p
      ORDER BY ${ORDER[search.sort]}`,
    [...params, search.pageSize, (search.page - 1) * search.pageSize],
  );
  const [{ n }] = await db.query(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM payments p ${where} LIMIT ${TOTAL_CAP + 1}) matching`,
    params,
  );
  return { rows, total: Math.min(n, TOTAL_CAP), totalIsExact: n <= TOTAL_CAP };
}

/** One payment as the list shows it, or undefined. */
export async function findListedPayment(db: SqlExecutor, id: string): Promise<Record<string, any> | undefined> {
  const [row] = await db.query(`SELECT ${LISTED_PAYMENT_COLUMNS} FROM payments p WHERE p.id = $1`, [id]);
  return row;
}

/** A payment's recorded steps, oldest first. */
export async function paymentSteps(
  db: SqlExecutor,
  id: string,
): Promise<Array<{ stage: PaymentStage; reason: string | null; at: Date }>> {
  const rows: Record<string, any>[] = await db.query(
    `SELECT stage, reason, at FROM payment_steps WHERE payment_id = $1 ORDER BY id`,
    [id],
  );
  return rows.map((r) => ({ stage: r.stage, reason: r.reason ?? null, at: new Date(r.at) }));
}

function conditions(s: PaymentSearch): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const terms: string[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    terms.push(sql(`$${params.length}`));
  };
  if (s.paymentId !== undefined) add((p) => `p.id = ${p}`, s.paymentId);
  if (s.idempotencyKey !== undefined) add((p) => `${MEGAPAY_KEY} = ${p}`, s.idempotencyKey);
  if (s.phone !== undefined) add((p) => `p.phone = ${p}`, s.phone);
  if (s.account !== undefined) add((p) => `p.account = ${p}`, s.account);
  if (s.service !== undefined) add((p) => `p.service = ${p}`, s.service);
  if (s.stages !== undefined) add((p) => `p.stage = ANY(${p}::text[])`, s.stages);
  if (s.reason !== undefined) add((p) => `p.reason = ${p}`, s.reason);
  if (s.from !== undefined) add((p) => `p.created_at >= ${p}`, s.from);
  if (s.to !== undefined) add((p) => `p.created_at < ${p}`, s.to);
  if (s.stuckSince !== undefined) {
    // Written as the partial index payments_pending is, so the planner can use it.
    terms.push(`p.stage LIKE 'AWAITING_%'`);
    add((p) => `p.created_at < ${p}`, s.stuckSince);
  }
  return { where: terms.length ? `WHERE ${terms.join(' AND ')}` : '', params };
}
