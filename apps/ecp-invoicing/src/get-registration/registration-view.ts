import type { SqlExecutor } from '#messaging';
import { z } from 'zod';
import { formatSom } from '#money';
import { phoneText, somText, timestampText } from '#platform';
import { amountDue, currentStatus, INVOICE_STATUSES, OFFICES, type Office } from '../domain/invoice.js';
import { KEY_STORAGES } from '../domain/product.js';
import { toInvoiceState, type InvoiceRow } from '../persistence/invoice-rows.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The client as registered and the product, as every registration answer shows them. */
export const registeredClientShape = {
  id: z.uuid(),
  office: z.enum(OFFICES),
  organizationName: z.string(),
  inn: z.string().meta({ example: '01234567890123' }),
  signerName: z.string(),
  signerRole: z.string(),
  phone: phoneText,
  product: z.object({
    code: z.string().meta({ example: 'DIRECTOR_CLOUD' }),
    name: z.string(),
    keyStorage: z.enum(KEY_STORAGES),
    validityMonths: z.number().int(),
  }),
  csrProvided: z.boolean(),
  createdAt: timestampText.nullable(),
};

/** An ЭЦП registration with its invoices, oldest first. */
export const registrationSchema = z.object({
  ...registeredClientShape,
  invoices: z.array(
    z.object({
      number: z.string().meta({ example: '4539578763621486' }),
      status: z.enum(INVOICE_STATUSES),
      amount: somText,
      amountDue: somText,
      issuedAt: timestampText.nullable(),
      expiresAt: timestampText.nullable(),
      paidAt: timestampText.nullable(),
      detail: z.string().meta({ description: 'The invoice in full', example: '/v1/ecp/invoices/4539578763621486' }),
    }),
  ),
});
export type Registration = z.output<typeof registrationSchema>;

/**
 * A registration as staff see it: who the client is (what every certificate of it names), the product, whether the
 * token's CSR was given, and each of its invoices, oldest first, with its status now and what is still due.
 */
export async function registrationView(db: SqlExecutor, id: string, now: Date): Promise<Registration | undefined> {
  const [row] = await db.query(
    `SELECT r.id, r.office, r.organization_name, r.inn, r.signer_name, r.signer_role, r.phone, r.csr_pem IS NOT NULL AS csr_provided, r.created_at,
            p.code, p.name, p.key_storage, p.validity_months
       FROM registrations r
       JOIN products p ON p.code = r.product_code
      WHERE r.id = $1`,
    [id],
  );
  if (!row) return undefined;
  const invoices: InvoiceRow[] = await db.query(
    `SELECT number, client_name, inn, office, amount, status, issued_at, expires_at, paid_at, payment_id, product_code, registration_id
       FROM invoices WHERE registration_id = $1 ORDER BY issued_at, number`,
    [id],
  );
  return {
    id: row.id as string,
    office: row.office as Office,
    organizationName: row.organization_name as string,
    inn: row.inn as string,
    signerName: row.signer_name as string,
    signerRole: row.signer_role as string,
    phone: row.phone as string,
    product: { code: row.code, name: row.name, keyStorage: row.key_storage, validityMonths: row.validity_months },
    csrProvided: row.csr_provided as boolean,
    createdAt: iso(row.created_at),
    invoices: invoices.map((i) => {
      const state = toInvoiceState(i);
      return {
        number: i.number,
        status: currentStatus(state, now),
        amount: formatSom(state.amount),
        amountDue: formatSom(amountDue(state, now)),
        issuedAt: iso(i.issued_at),
        expiresAt: iso(i.expires_at),
        paidAt: iso(i.paid_at),
        detail: `/v1/ecp/invoices/${i.number}`,
      };
    }),
  };
}
