import type { SqlExecutor } from '#messaging';
import type { Office } from '../domain/invoice.js';

/** A `registrations` row as pg returns it: who the client is, as the registrar took it down, and the key's CSR. */
export interface RegistrationRow {
  id: string;
  office: Office;
  organization_name: string;
  inn: string;
  signer_name: string;
  signer_role: string;
  phone: string;
  product_code: string;
  csr_pem: string | null;
  created_at: Date;
}

const COLUMNS =
  'id, office, organization_name, inn, signer_name, signer_role, phone, product_code, csr_pem, created_at';

/** The registration, locked until the transaction ends: decisions about its invoices are serialized. */
export async function lockRegistration(tx: SqlExecutor, id: string): Promise<RegistrationRow | undefined> {
  const [row] = await tx.query(`SELECT ${COLUMNS} FROM registrations WHERE id = $1 FOR UPDATE`, [id]);
  return row;
}

/** The registration of an invoice, locked: taken before the invoice's own lock, the order a re-issue takes them in. */
export async function lockRegistrationOfInvoice(
  tx: SqlExecutor,
  invoiceNumber: string,
): Promise<RegistrationRow | undefined> {
  const [row] = await tx.query(
    `SELECT ${COLUMNS} FROM registrations WHERE id = (SELECT registration_id FROM invoices WHERE number = $1) FOR UPDATE`,
    [invoiceNumber],
  );
  return row;
}
