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
  paid_at: Date | null;
  payment_id: string | null;
}

const COLUMNS = 'number, client_name, inn, office, amount, status, issued_at, paid_at, payment_id';

export function toInvoiceState(row: InvoiceRow): InvoiceState {
  return { status: row.status, amount: BigInt(row.amount), paymentId: row.payment_id };
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

/** Records that the invoice entered a status, and what caused it (`office:OSH`, `payment:<id>`, `message:<id>`). */
export async function recordTransition(tx: SqlExecutor, number: string, status: InvoiceStatus, at: Date, cause: string): Promise<void> {
  await tx.query(`INSERT INTO invoice_transitions (invoice_number, status, at, cause) VALUES ($1, $2, $3, $4)`, [number, status, at, cause]);
}
