import type { SqlExecutor } from '#messaging';
import type { InvoiceState, InvoiceStatus, Office } from '../domain/invoice.js';

/** An `invoices` row as pg returns it (bigint as a string, timestamptz as Date). */
export interface InvoiceRow {
  number: string;
  client_name: string;
  inn: string;
  office: Office;
  amount: string;
  status: InvoiceStatus;
  issued_at: Date;
  expires_at: Date;
  paid_at: Date | null;
  payment_id: string | null;
  /** Null only on invoices issued by hand before every invoice had to belong to a registration. */
  product_code: string | null;
  registration_id: string | null;
}

const COLUMNS =
  'number, client_name, inn, office, amount, status, issued_at, expires_at, paid_at, payment_id, product_code, registration_id';

export function toInvoiceState(row: InvoiceRow): InvoiceState {
  return {
    status: row.status,
    amount: BigInt(row.amount),
    paymentId: row.payment_id,
    expiresAt: row.expires_at,
    registrationId: row.registration_id,
  };
}

/** The invoice, locked until the transaction ends, so that decisions about one invoice are serialized. */
export async function lockInvoice(tx: SqlExecutor, number: string): Promise<InvoiceRow | undefined> {
  const [row] = await tx.query(`SELECT ${COLUMNS} FROM invoices WHERE number = $1 FOR UPDATE`, [number]);
  return row;
}

export async function findInvoice(db: SqlExecutor, number: string): Promise<InvoiceRow | undefined> {
  const [row] = await db.query(`SELECT ${COLUMNS} FROM invoices WHERE number = $1`, [number]);
  return row;
}

/**
 * Claims up to `limit` ISSUED invoices due to expire at `now`, locked; rows another instance holds are skipped, so
 * several instances sweeping at once share the work instead of queueing on each other.
 */
export async function claimInvoicesDueToExpire(tx: SqlExecutor, now: Date, limit: number): Promise<InvoiceRow[]> {
  return tx.query(
    `SELECT ${COLUMNS} FROM invoices WHERE status = 'ISSUED' AND expires_at <= $1 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [now, limit],
  );
}

/** Records that the invoice entered a status, and what caused it (`registration:<id>`, `payment:<id>`, `message:<id>`, `staff:…`). */
export async function recordTransition(
  tx: SqlExecutor,
  number: string,
  status: InvoiceStatus,
  at: Date,
  cause: string,
): Promise<void> {
  await tx.query(`INSERT INTO invoice_transitions (invoice_number, status, at, cause) VALUES ($1, $2, $3, $4)`, [
    number,
    status,
    at,
    cause,
  ]);
}

/** Moves a locked ISSUED invoice to EXPIRED and records why. */
export async function markExpired(tx: SqlExecutor, number: string, at: Date, cause: string): Promise<void> {
  await tx.query(`UPDATE invoices SET status = 'EXPIRED', expired_at = $2 WHERE number = $1 AND status = 'ISSUED'`, [
    number,
    at,
  ]);
  await recordTransition(tx, number, 'EXPIRED', at, cause);
}

/** A registration's invoices, oldest first, locked (a re-issue decides on all of them at once). */
export async function lockRegistrationInvoices(tx: SqlExecutor, registrationId: string): Promise<InvoiceRow[]> {
  return tx.query(`SELECT ${COLUMNS} FROM invoices WHERE registration_id = $1 ORDER BY issued_at, number FOR UPDATE`, [
    registrationId,
  ]);
}
