import type { SqlExecutor } from '#messaging';
import { z } from 'zod';
import { formatSom } from '#money';
import { phoneText, somText, timestampText } from '#platform';
import { amountDue, currentStatus, INVOICE_STATUSES, OFFICES, type Office } from '../domain/invoice.js';
import { KEY_STORAGES } from '../domain/product.js';
import { toInvoiceState, type InvoiceRow } from '../persistence/invoice-rows.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** An ЭЦП invoice as GET /v1/ecp/invoices/{number} and the staff actions on it answer it. */
export const invoiceSchema = z.object({
  number: z
    .string()
    .regex(/^[1-9][0-9]{15}$/)
    .meta({ description: '16 digits, the last a Luhn check digit', example: '4539578763621486' }),
  status: z.enum(INVOICE_STATUSES).meta({ description: 'The status now: an overdue unpaid invoice is EXPIRED' }),
  amount: somText,
  amountDue: somText.meta({ description: 'What can still be paid; 0.00 once paid, expired or cancelled' }),
  clientName: z.string(),
  inn: z.string().meta({ example: '01234567890123' }),
  office: z.enum(OFFICES),
  issuedAt: timestampText.nullable(),
  expiresAt: timestampText.nullable(),
  product: z
    .object({
      code: z.string().meta({ example: 'DIRECTOR_CLOUD' }),
      name: z.string(),
      keyStorage: z.enum(KEY_STORAGES),
    })
    .nullable(),
  registration: z
    .object({
      id: z.uuid(),
      organizationName: z.string(),
      signerName: z.string(),
      signerRole: z.string(),
      phone: phoneText,
      csrProvided: z.boolean(),
    })
    .nullable(),
  paidAt: timestampText.nullable(),
  paymentId: z.uuid().nullable(),
  expiredAt: timestampText.nullable(),
  cancelledAt: timestampText.nullable(),
  cancellationReason: z.string().nullable(),
  signatureProductionStartedAt: timestampText.nullable(),
  signatureProducedAt: timestampText.nullable(),
  productionFailure: z
    .object({
      code: z.string(),
      reason: z.string().nullable(),
      at: timestampText.nullable(),
      attempts: z.number().int(),
    })
    .nullable()
    .meta({ description: 'While PRODUCTION_FAILED: why' }),
  certificate: z
    .object({
      serialNumber: z.string(),
      subject: z.string(),
      notBefore: timestampText.nullable(),
      notAfter: timestampText.nullable(),
      keySource: z.enum(['CLOUD', 'CSR']),
      download: z.string().meta({ example: '/v1/ecp/invoices/4539578763621486/certificate' }),
    })
    .nullable(),
  history: z
    .array(z.object({ status: z.enum(INVOICE_STATUSES), at: timestampText, cause: z.string() }))
    .meta({ description: 'Every transition, oldest first' }),
});
export type Invoice = z.output<typeof invoiceSchema>;

/**
 * An invoice as staff and the router see it: `status` is the status now (an overdue unpaid invoice shows EXPIRED even
 * before the job records it), `amount` what it was issued for and `amountDue` what can still be paid; then the
 * registration and product, the payment, signature production, the certificate, and every recorded transition.
 */
export async function invoiceView(db: SqlExecutor, number: string, now: Date): Promise<Invoice | undefined> {
  const [row] = await db.query(
    `SELECT i.number, i.client_name, i.inn, i.office, i.amount, i.status, i.issued_at, i.expires_at, i.paid_at, i.payment_id,
            i.product_code, i.registration_id, i.expired_at, i.cancelled_at, i.cancellation_reason,
            p.name AS product_name, p.key_storage,
            r.organization_name, r.signer_name, r.signer_role, r.phone, r.csr_pem IS NOT NULL AS csr_provided,
            s.started_at, s.produced_at, s.attempts, s.failed_at, s.failure_code, s.failure_reason,
            c.serial_number, c.subject, c.not_before, c.not_after, c.key_source
       FROM invoices i
       LEFT JOIN products p ON p.code = i.product_code
       LEFT JOIN registrations r ON r.id = i.registration_id
       LEFT JOIN signature_productions s ON s.invoice_number = i.number
       LEFT JOIN certificates c ON c.invoice_number = i.number
      WHERE i.number = $1`,
    [number],
  );
  if (!row) return undefined;
  const history = await db.query(
    `SELECT status, at, cause FROM invoice_transitions WHERE invoice_number = $1 ORDER BY at, id`,
    [number],
  );
  const state = toInvoiceState(row as InvoiceRow);
  const status = currentStatus(state, now);
  return {
    number: row.number as string,
    status,
    amount: formatSom(BigInt(row.amount)),
    amountDue: formatSom(amountDue(state, now)),
    clientName: row.client_name as string,
    inn: row.inn as string,
    office: row.office as Office,
    issuedAt: iso(row.issued_at),
    expiresAt: iso(row.expires_at),
    product: row.product_code ? { code: row.product_code, name: row.product_name, keyStorage: row.key_storage } : null,
    registration: row.registration_id
      ? {
          id: row.registration_id,
          organizationName: row.organization_name,
          signerName: row.signer_name,
          signerRole: row.signer_role,
          phone: row.phone,
          csrProvided: row.csr_provided,
        }
      : null,
    paidAt: iso(row.paid_at),
    paymentId: row.payment_id as string | null,
    expiredAt: iso(row.expired_at),
    cancelledAt: iso(row.cancelled_at),
    cancellationReason: row.cancellation_reason as string | null,
    signatureProductionStartedAt: iso(row.started_at),
    signatureProducedAt: iso(row.produced_at),
    productionFailure:
      status === 'PRODUCTION_FAILED' && row.failure_code
        ? { code: row.failure_code, reason: row.failure_reason, at: iso(row.failed_at), attempts: row.attempts }
        : null,
    certificate: row.serial_number
      ? {
          serialNumber: row.serial_number,
          subject: row.subject,
          notBefore: iso(row.not_before),
          notAfter: iso(row.not_after),
          keySource: row.key_source,
          download: `/v1/ecp/invoices/${row.number}/certificate`,
        }
      : null,
    history: history.map((t: { status: string; at: Date; cause: string }) => ({
      status: t.status,
      at: t.at.toISOString(),
      cause: t.cause,
    })),
  };
}
