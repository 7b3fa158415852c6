import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = `('ISSUED', 'PAID', 'SIGNATURE_PRODUCED', 'PRODUCTION_FAILED', 'EXPIRED', 'CANCELLED')`;
const OLD_STATUSES = `('ISSUED', 'PAID', 'SIGNATURE_PRODUCED')`;

/**
 * Products and their prices, client registrations, invoice expiry and cancellation, failed productions, the
 * certificates and the development CA. Existing invoices get the default time to live (30 days from issue).
 */
export class RegistrationsAndCertificates1764547200000 implements MigrationInterface {
  name = 'RegistrationsAndCertificates1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE products (
      code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      key_storage text NOT NULL CHECK (key_storage IN ('CLOUD', 'TOKEN')),
      price bigint NOT NULL CHECK (price > 0 AND price <= 100000000),
      validity_months int NOT NULL CHECK (validity_months BETWEEN 1 AND 60),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`INSERT INTO products (code, name, key_storage, price, validity_months) VALUES
      ('DIRECTOR_CLOUD', 'Ключ руководителя в облаке', 'CLOUD', 151000, 12),
      ('ACCOUNTANT_CLOUD', 'Ключ бухгалтера в облаке', 'CLOUD', 142000, 12),
      ('RUTOKEN', 'Ключ на токене Рутокен', 'TOKEN', 120000, 12)`);
    await q.query(`CREATE TABLE product_price_changes (
      id bigserial PRIMARY KEY,
      product_code text NOT NULL REFERENCES products(code),
      old_price bigint NOT NULL,
      new_price bigint NOT NULL CHECK (new_price > 0),
      changed_at timestamptz NOT NULL
    )`);

    await q.query(`CREATE TABLE registrations (
      id uuid PRIMARY KEY,
      office text NOT NULL CHECK (office IN ('OSH', 'JALAL_ABAD', 'ONLINE')),
      organization_name text NOT NULL CHECK (length(organization_name) BETWEEN 1 AND 300),
      inn char(14) NOT NULL CHECK (inn ~ '^[0-9]{14}$'),
      signer_name text NOT NULL CHECK (length(signer_name) BETWEEN 1 AND 200),
      signer_role text NOT NULL CHECK (length(signer_role) BETWEEN 1 AND 200),
      phone char(12) NOT NULL CHECK (phone ~ '^996[0-9]{9}$'),
      product_code text NOT NULL REFERENCES products(code),
      csr_pem text CHECK (length(csr_pem) <= 16384),
      created_at timestamptz NOT NULL
    )`);

    await q.query(`ALTER TABLE invoices
      ADD COLUMN product_code text REFERENCES products(code),
      ADD COLUMN registration_id uuid UNIQUE REFERENCES registrations(id),
      ADD COLUMN expires_at timestamptz,
      ADD COLUMN expired_at timestamptz,
      ADD COLUMN cancelled_at timestamptz,
      ADD COLUMN cancellation_reason text CHECK (length(cancellation_reason) BETWEEN 1 AND 500)`);
    await q.query(`UPDATE invoices SET expires_at = issued_at + interval '30 days'`);
    await q.query(
      `ALTER TABLE invoices ALTER COLUMN expires_at SET NOT NULL, ADD CONSTRAINT invoices_expires_after_issue CHECK (expires_at > issued_at)`,
    );
    await q.query(
      `ALTER TABLE invoices DROP CONSTRAINT invoices_status_check, ADD CONSTRAINT invoices_status_check CHECK (status IN ${STATUSES})`,
    );
    await q.query(`ALTER TABLE invoices DROP CONSTRAINT invoices_paid_iff_not_issued, ADD CONSTRAINT invoices_paid_iff_paid_status CHECK (
      (status IN ('PAID', 'SIGNATURE_PRODUCED', 'PRODUCTION_FAILED')) = (paid_at IS NOT NULL) AND (paid_at IS NULL) = (payment_id IS NULL))`);
    await q.query(`ALTER TABLE invoices
      ADD CONSTRAINT invoices_expired_iff_expired_at CHECK ((status = 'EXPIRED') = (expired_at IS NOT NULL)),
      ADD CONSTRAINT invoices_cancelled_with_reason CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL) AND (cancelled_at IS NULL) = (cancellation_reason IS NULL)),
      ADD CONSTRAINT invoices_registered_with_product CHECK (registration_id IS NULL OR product_code IS NOT NULL)`);
    // The expiry job's claim: the oldest due invoices still ISSUED.
    await q.query(`CREATE INDEX invoices_due_to_expire ON invoices (expires_at) WHERE status = 'ISSUED'`);
    await q.query(
      `ALTER TABLE invoice_transitions DROP CONSTRAINT invoice_transitions_status_check, ADD CONSTRAINT invoice_transitions_status_check CHECK (status IN ${STATUSES})`,
    );

    await q.query(`ALTER TABLE signature_productions
      ADD COLUMN attempts int NOT NULL DEFAULT 1 CHECK (attempts > 0),
      ADD COLUMN failed_at timestamptz,
      ADD COLUMN failure_code text,
      ADD COLUMN failure_reason text,
      ADD CONSTRAINT signature_productions_failure_complete CHECK ((failed_at IS NULL) = (failure_code IS NULL) AND (failure_code IS NULL) = (failure_reason IS NULL))`);

    await q.query(`CREATE TABLE certificates (
      -- One certificate per invoice, however often production is asked for.
      invoice_number char(16) PRIMARY KEY REFERENCES invoices(number),
      serial_number text NOT NULL UNIQUE CHECK (serial_number ~ '^[0-9a-f]{2,40}$'),
      subject text NOT NULL,
      not_before timestamptz NOT NULL,
      not_after timestamptz NOT NULL CHECK (not_after > not_before),
      key_source text NOT NULL CHECK (key_source IN ('CLOUD', 'CSR')),
      public_key_sha256 char(64) NOT NULL,
      -- A cloud key's private key, AES-256-GCM sealed; null for a key that lives on the client's token.
      private_key_sealed bytea,
      key_encryption_key_id text,
      certificate_pem text NOT NULL,
      issued_at timestamptz NOT NULL,
      CONSTRAINT certificates_cloud_key_sealed CHECK ((key_source = 'CLOUD') = (private_key_sealed IS NOT NULL) AND (private_key_sealed IS NULL) = (key_encryption_key_id IS NULL))
    )`);
    await q.query(`CREATE TABLE certificate_authority (
      -- The development CA, generated on first start; at most one row.
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      certificate_pem text NOT NULL,
      private_key_sealed bytea NOT NULL,
      key_encryption_key_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE certificate_authority');
    await q.query('DROP TABLE certificates');
    await q.query(
      `ALTER TABLE signature_productions DROP COLUMN attempts, DROP COLUMN failed_at, DROP COLUMN failure_code, DROP COLUMN failure_reason`,
    );
    await q.query(`DELETE FROM invoice_transitions WHERE status NOT IN ${OLD_STATUSES}`);
    await q.query(
      `ALTER TABLE invoice_transitions DROP CONSTRAINT invoice_transitions_status_check, ADD CONSTRAINT invoice_transitions_status_check CHECK (status IN ${OLD_STATUSES})`,
    );
    // Invoices that did not exist before (expired, cancelled, failed) cannot be expressed in the old schema.
    await q.query(`UPDATE invoices SET status = 'PAID' WHERE status = 'PRODUCTION_FAILED'`);
    await q.query(
      `DELETE FROM invoice_transitions WHERE invoice_number IN (SELECT number FROM invoices WHERE status IN ('EXPIRED', 'CANCELLED'))`,
    );
    await q.query(`DELETE FROM invoices WHERE status IN ('EXPIRED', 'CANCELLED')`);
    await q.query(`DROP INDEX invoices_due_to_expire`);
    await q.query(`ALTER TABLE invoices
      DROP CONSTRAINT invoices_expired_iff_expired_at, DROP CONSTRAINT invoices_cancelled_with_reason, DROP CONSTRAINT invoices_registered_with_product,
      DROP CONSTRAINT invoices_paid_iff_paid_status, DROP CONSTRAINT invoices_status_check, DROP CONSTRAINT invoices_expires_after_issue`);
    await q.query(`ALTER TABLE invoices ADD CONSTRAINT invoices_status_check CHECK (status IN ${OLD_STATUSES}),
      ADD CONSTRAINT invoices_paid_iff_not_issued CHECK ((status = 'ISSUED') = (paid_at IS NULL) AND (paid_at IS NULL) = (payment_id IS NULL))`);
    await q.query(`ALTER TABLE invoices DROP COLUMN cancellation_reason, DROP COLUMN cancelled_at, DROP COLUMN expired_at, DROP COLUMN expires_at,
      DROP COLUMN registration_id, DROP COLUMN product_code`);
    await q.query('DROP TABLE registrations');
    await q.query('DROP TABLE product_price_changes');
    await q.query('DROP TABLE products');
  }
}
