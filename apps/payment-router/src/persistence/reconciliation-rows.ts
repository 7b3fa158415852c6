import type { SqlExecutor } from '#messaging';
import type { DifferenceKind, RegisterComparison } from '../domain/reconciliation.js';

/** A reconciliation as stored: the comparison's counts and totals as JSON (amounts as tyiyn digit strings). */
export interface StoredReconciliation {
  day: string;
  comparedAt: Date;
  comparedBy: string;
  counts: RegisterComparison['counts'];
  totals: { perService: StoredTotals<'service'>[]; perStatus: StoredTotals<'status'>[] };
}
type StoredSide = { count: number; amount: string };
type StoredTotals<K extends string> = Record<K, string> & { ours: StoredSide; theirs: StoredSide };

/** One stored difference; a register line as JSON with its amount in tyiyn digits. */
export interface StoredDifference {
  id: string;
  kind: DifferenceKind;
  idempotencyKey: string;
  paymentId: string | null;
  ours: StoredLine | null;
  theirs: StoredLine | null;
  signature: string;
  resolution: { note: string; by: string; at: Date } | null;
}
export type StoredLine = {
  phone: string;
  service: string;
  account: string;
  amount: string;
  status: string;
  at: string;
  paymentId?: string;
};

const DAY = `to_char(day, 'YYYY-MM-DD')`;

/** Replaces the day's reconciliation and its differences with a new one, in the caller's transaction. */
export async function replaceReconciliation(
  tx: SqlExecutor,
  r: StoredReconciliation & { theirRegister: string },
  differences: Omit<StoredDifference, 'id'>[],
): Promise<void> {
  await tx.query(`DELETE FROM reconciliations WHERE day = $1`, [r.day]);
  await tx.query(
    `INSERT INTO reconciliations (day, compared_at, compared_by, their_register, counts, totals) VALUES ($1, $2, $3, $4, $5, $6)`,
    [r.day, r.comparedAt, r.comparedBy, r.theirRegister, JSON.stringify(r.counts), JSON.stringify(r.totals)],
  );
  if (differences.length === 0) return;
  await tx.query(
    `INSERT INTO reconciliation_differences (day, kind, idempotency_key, payment_id, ours, theirs, signature, resolution_note, resolved_by, resolved_at)
     SELECT $1, d.kind, d.idempotency_key, d.payment_id, d.ours, d.theirs, d.signature, d.note, d.by, d.at
       FROM jsonb_to_recordset($2::jsonb) AS d(kind text, idempotency_key text, payment_id uuid, ours jsonb, theirs jsonb, signature text, note text, by text, at timestamptz)`,
    [
      r.day,
      JSON.stringify(
        differences.map((d) => ({
          kind: d.kind,
          idempotency_key: d.idempotencyKey,
          payment_id: d.paymentId,
          ours: d.ours,
          theirs: d.theirs,
          signature: d.signature,
          note: d.resolution?.note ?? null,
          by: d.resolution?.by ?? null,
          at: d.resolution?.at ?? null,
        })),
      ),
    ],
  );
}

/** The day's reconciliation, or undefined when none was made. */
export async function findReconciliation(
  db: SqlExecutor,
  day: string,
  lock = '',
): Promise<StoredReconciliation | undefined> {
  const [row] = await db.query(
    `SELECT ${DAY} AS day, compared_at, compared_by, counts, totals FROM reconciliations WHERE day = $1 ${lock}`,
    [day],
  );
  return row
    ? {
        day: row.day,
        comparedAt: new Date(row.compared_at),
        comparedBy: row.compared_by,
        counts: row.counts,
        totals: row.totals,
      }
    : undefined;
}

/** The day's differences in the order the comparison gave them. */
export async function reconciliationDifferences(db: SqlExecutor, day: string): Promise<StoredDifference[]> {
  const rows: Record<string, any>[] = await db.query(
    `SELECT id::text, kind, idempotency_key, payment_id, ours, theirs, signature, resolution_note, resolved_by, resolved_at
       FROM reconciliation_differences WHERE day = $1 ORDER BY id`,
    [day],
  );
  return rows.map(toDifference);
}

/** Records a difference's resolution; returns it, or undefined when the day has no such difference. */
export async function resolveDifference(
  tx: SqlExecutor,
  day: string,
  id: string,
  resolution: { note: string; by: string; at: Date },
): Promise<{ before: StoredDifference; after: StoredDifference } | undefined> {
  const [row] = await tx.query(
    `SELECT id::text, kind, idempotency_key, payment_id, ours, theirs, signature, resolution_note, resolved_by, resolved_at
       FROM reconciliation_differences WHERE day = $1 AND id = $2 FOR UPDATE`,
    [day, id],
  );
  if (!row) return undefined;
  await tx.query(
    `UPDATE reconciliation_differences SET resolution_note = $2, resolved_by = $3, resolved_at = $4 WHERE id = $1`,
    [id, resolution.note, resolution.by, resolution.at],
  );
  const before = toDifference(row);
  return { before, after: { ...before, resolution } };
}

/** Each reconciled day in [from, to], newest first, with its counts and how many differences wait for a resolution. */
export async function listReconciliations(
  db: SqlExecutor,
  from: string,
  to: string,
): Promise<Array<StoredReconciliation & { unresolved: number }>> {
  const rows: Record<string, any>[] = await db.query(
    `SELECT ${DAY} AS day, r.compared_at, r.compared_by, r.counts, r.totals,
            (SELECT count(*)::int FROM reconciliation_differences d WHERE d.day = r.day AND d.resolution_note IS NULL) AS unresolved
       FROM reconciliations r WHERE r.day BETWEEN $1 AND $2 ORDER BY r.day DESC`,
    [from, to],
  );
  return rows.map((row) => ({
    day: row.day,
    comparedAt: new Date(row.compared_at),
    comparedBy: row.compared_by,
    counts: row.counts,
    totals: row.totals,
    unresolved: row.unresolved,
  }));
}

function toDifference(row: Record<string, any>): StoredDifference {
  return {
    id: row.id,
    kind: row.kind,
    idempotencyKey: row.idempotency_key,
    paymentId: row.payment_id ?? null,
    ours: row.ours ?? null,
    theirs: row.theirs ?? null,
    signature: row.signature,
    resolution:
      row.resolution_note === null
        ? null
        : { note: row.resolution_note, by: row.resolved_by, at: new Date(row.resolved_at) },
  };
}
