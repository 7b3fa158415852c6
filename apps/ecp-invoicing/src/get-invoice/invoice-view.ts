import type { SqlExecutor } from '#messaging';
import { formatSom } from '#money';
import { amountDue, currentStatus } from '../domain/invoice.js';
import { toInvoiceState, type InvoiceRow } from '../persistence/invoice-rows.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * An invoice as staff and the router see it: `status` is the status now (an overdue unpaid invoice shows EXPIRED even
 * before the job records it), `amount` what it was issued for and `amountDue` what can still be paid; then the
 * registration and product, the payment, signature production, the certificate, and every recorded transition.
 */
export async function invoiceView(db: SqlExecutor, number: string, now: Date) {
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
  const history = await db.query(`SELECT status, at, cause FROM invoice_transitions WHERE invoice_number = $1 ORDER BY at, id`, [number]);
  const state = toInvoiceState(row as InvoiceRow);
  const status = currentStatus(state, now);
  return {
    number: row.number as string,
    status,
    amount: formatSom(BigInt(row.amount)),
    amountDue: formatSom(amountDue(state, now)),
    clientName: row.client_name as string,
    inn: row.inn as string,
    office: row.office as string,
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
    history: history.map((t: { status: string; at: Date; cause: string }) => ({ status: t.status, at: t.at.toISOString(), cause: t.cause })),
  };
}
