import type { SqlExecutor } from '#messaging';
import type { InvoiceStatus, Office } from '../domain/invoice.js';
import { invoiceStatusNowIn } from './back-office-filters.js';

export interface RegistrationListFilter {
  /** The status now of the registration's latest invoice. */
  statuses?: InvoiceStatus[];
  office?: Office;
  page: number;
  pageSize: number;
}

export interface ListedRegistration {
  id: string;
  office: Office;
  organization_name: string;
  inn: string;
  signer_name: string;
  phone: string;
  product_code: string;
  created_at: Date;
  /** The latest invoice (by issue), null for none. */
  number: string | null;
  amount: string | null;
  status: InvoiceStatus | null;
  expires_at: Date | null;
  paid_at: Date | null;
  payment_id: string | null;
  issued_at: Date | null;
}

/** A page of registrations, newest first, each with its latest invoice, and how many match. */
export async function listRegistrations(
  db: SqlExecutor,
  f: RegistrationListFilter,
  now: Date,
): Promise<{ rows: ListedRegistration[]; total: number }> {
  const params: unknown[] = [];
  const terms: string[] = [];
  if (f.statuses) terms.push(invoiceStatusNowIn('i', f.statuses, () => `$${params.push(now)}`));
  if (f.office) terms.push(`r.office = $${params.push(f.office)}`);
  const from = `FROM registrations r
    LEFT JOIN LATERAL (SELECT * FROM invoices li WHERE li.registration_id = r.id ORDER BY li.issued_at DESC, li.number DESC LIMIT 1) i ON true
    ${terms.length ? `WHERE ${terms.join(' AND ')}` : ''}`;
  const rows: ListedRegistration[] = await db.query(
    `SELECT r.id, r.office, r.organization_name, r.inn, r.signer_name, r.phone, r.product_code, r.created_at,
            i.number, i.amount, i.status, i.expires_at, i.paid_at, i.payment_id, i.issued_at
       ${from} ORDER BY r.created_at DESC, r.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.pageSize, (f.page - 1) * f.pageSize],
  );
  const [{ n }] = await db.query(`SELECT count(*)::int AS n ${from}`, params);
  return { rows, total: n };
}
