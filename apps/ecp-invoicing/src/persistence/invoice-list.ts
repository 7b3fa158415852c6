import type { SqlExecutor } from '#messaging';
import type { InvoiceStatus, Office } from '../domain/invoice.js';
import { invoiceStatusNowIn } from './back-office-filters.js';
import type { InvoiceRow } from './invoice-rows.js';

export interface InvoiceListFilter {
  statuses?: InvoiceStatus[];
  office?: Office;
  paymentId?: string;
  page: number;
  pageSize: number;
}

/** A page of invoices, newest first, and how many match. */
export async function listInvoices(
  db: SqlExecutor,
  f: InvoiceListFilter,
  now: Date,
): Promise<{ rows: InvoiceRow[]; total: number }> {
  const params: unknown[] = [];
  const terms: string[] = [];
  if (f.statuses) terms.push(invoiceStatusNowIn('i', f.statuses, () => `$${params.push(now)}`));
  if (f.office) terms.push(`i.office = $${params.push(f.office)}`);
  if (f.paymentId) terms.push(`i.payment_id = $${params.push(f.paymentId)}`);
  const where = terms.length ? `WHERE ${terms.join(' AND ')}` : '';
  const rows: InvoiceRow[] = await db.query(
    `SELECT i.number, i.client_name, i.inn, i.office, i.amount, i.status, i.issued_at, i.expires_at, i.paid_at, i.payment_id, i.product_code, i.registration_id
       FROM invoices i ${where} ORDER BY i.issued_at DESC, i.number DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.pageSize, (f.page - 1) * f.pageSize],
  );
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM invoices i ${where}`, params);
  return { rows, total: n };
}
