import type { SqlExecutor } from '#messaging';
import type { CertificateHolder } from '../domain/certificate-profile.js';
import type { KeyStorage } from '../domain/product.js';
import type { IssuedCertificate } from '../domain/signature-producer.js';
import type { ProductionFailureCode } from '../domain/signature-production.js';

/** What production needs to know about an invoice beyond its row: who the certificate is for, and how the key is made. */
export interface ProductionFacts {
  holder: CertificateHolder;
  keyStorage: KeyStorage;
  csrPem: string | null;
  validityMonths: number;
}

/**
 * The holder from the invoice's registration, and nothing else: not the invoice's client name, not the CSR's subject.
 * Only registered invoices reach production (see decideSignatureProduction); one without a registration is a bug.
 */
export async function productionFacts(db: SqlExecutor, invoiceNumber: string): Promise<ProductionFacts> {
  const [row] = await db.query(
    `SELECT r.organization_name, r.inn, r.signer_name, r.signer_role, r.csr_pem, p.key_storage, p.validity_months
       FROM invoices i
       JOIN registrations r ON r.id = i.registration_id
       JOIN products p ON p.code = i.product_code
      WHERE i.number = $1`,
    [invoiceNumber],
  );
  if (!row) throw new Error(`invoice ${invoiceNumber} has no registration: there is no identity to certify`);
  return {
    holder: {
      organizationName: row.organization_name,
      inn: row.inn,
      signerName: row.signer_name,
      signerRole: row.signer_role,
    },
    keyStorage: row.key_storage,
    csrPem: row.csr_pem ?? null,
    validityMonths: row.validity_months,
  };
}

/** Production of this invoice started (or, when asked again after a failure, one more attempt). */
export async function recordProductionStarted(
  tx: SqlExecutor,
  invoiceNumber: string,
  paymentId: string,
  at: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO signature_productions (invoice_number, payment_id, started_at) VALUES ($1, $2, $3)
     ON CONFLICT (invoice_number) DO UPDATE SET attempts = signature_productions.attempts + 1`,
    [invoiceNumber, paymentId, at],
  );
}

/** Stores the certificate: the primary key on the invoice number makes a second certificate for it impossible. */
export async function storeCertificate(
  tx: SqlExecutor,
  invoiceNumber: string,
  c: IssuedCertificate,
  at: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO certificates (invoice_number, serial_number, subject, not_before, not_after, key_source, public_key_sha256,
                               private_key_sealed, key_encryption_key_id, certificate_pem, issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      invoiceNumber,
      c.serialNumber,
      c.subject,
      c.notBefore,
      c.notAfter,
      c.keySource,
      c.publicKeySha256,
      c.sealedPrivateKey ? Buffer.from(c.sealedPrivateKey.ciphertext) : null,
      c.sealedPrivateKey?.keyId ?? null,
      c.certificatePem,
      at,
    ],
  );
  await tx.query(`UPDATE signature_productions SET produced_at = $2 WHERE invoice_number = $1`, [invoiceNumber, at]);
}

export async function recordProductionFailure(
  tx: SqlExecutor,
  invoiceNumber: string,
  code: ProductionFailureCode,
  reason: string,
  at: Date,
): Promise<void> {
  await tx.query(
    `UPDATE signature_productions SET failed_at = $2, failure_code = $3, failure_reason = $4 WHERE invoice_number = $1`,
    [invoiceNumber, at, code, reason],
  );
}

export async function findCertificatePem(db: SqlExecutor, invoiceNumber: string): Promise<string | undefined> {
  const [row] = await db.query(`SELECT certificate_pem FROM certificates WHERE invoice_number = $1`, [invoiceNumber]);
  return row?.certificate_pem;
}
