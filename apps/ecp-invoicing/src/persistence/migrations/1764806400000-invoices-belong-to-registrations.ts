import type { MigrationInterface, QueryRunner } from 'typeorm';
import { EcpInvoiceCancelledV1 } from '#contracts';
import { Outbox } from '#messaging';

const LIVE = `('ISSUED', 'PAID', 'SIGNATURE_PRODUCED', 'PRODUCTION_FAILED')`;
export const WITHDRAWN_REASON =
  'issued by hand, without a registration: withdrawn; register the client (POST /v1/ecp/registrations)';

/**
 * Every invoice belongs to a registration, which alone says whose identity the certificate carries, and a
 * registration may be issued a new invoice once its last one expired or was cancelled.
 *
 * Unpaid invoices issued by hand name a client nobody checked: paying one would have that name certified. They are
 * cancelled here, each with its `ecp.invoice-cancelled` event, so a payment arriving for one later is refused and
 * refunded (INVOICE_CANCELLED). Paid ones are left as they are: their certificates exist or production refuses them.
 */
export class InvoicesBelongToRegistrations1764806400000 implements MigrationInterface {
  name = 'InvoicesBelongToRegistrations1764806400000';

  async up(q: QueryRunner): Promise<void> {
    const at = new Date();
    const outbox = new Outbox('ecp-invoicing', () => at);
    const unregistered: Array<{ number: string }> = await q.query(
      `SELECT number FROM invoices WHERE registration_id IS NULL AND status = 'ISSUED' ORDER BY number FOR UPDATE`,
    );
    for (const { number } of unregistered) {
      await q.query(
        `UPDATE invoices SET status = 'CANCELLED', cancelled_at = $2, cancellation_reason = $3 WHERE number = $1`,
        [number, at, WITHDRAWN_REASON],
      );
      await q.query(
        `INSERT INTO invoice_transitions (invoice_number, status, at, cause) VALUES ($1, 'CANCELLED', $2, 'migration:no-registration')`,
        [number, at],
      );
      await outbox.append(
        q,
        EcpInvoiceCancelledV1,
        { invoiceNumber: number, reason: WITHDRAWN_REASON, cancelledAt: at.toISOString() },
        { correlationId: number },
      );
    }

    await q.query(`ALTER TABLE invoices DROP CONSTRAINT invoices_registration_id_key`);
    await q.query(`CREATE INDEX invoices_by_registration ON invoices (registration_id)`);
    // One payable or paid invoice per registration, whatever races: a second is issued only after the first is dead.
    await q.query(
      `CREATE UNIQUE INDEX invoices_one_live_per_registration ON invoices (registration_id) WHERE status IN ${LIVE}`,
    );
    await q.query(
      `ALTER TABLE invoices ADD CONSTRAINT invoices_payable_only_if_registered CHECK (status <> 'ISSUED' OR registration_id IS NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoices DROP CONSTRAINT invoices_payable_only_if_registered`);
    await q.query(`DROP INDEX invoices_one_live_per_registration`);
    await q.query(`DROP INDEX invoices_by_registration`);
    // The old schema had one invoice per registration: the newest keeps it, older (expired, cancelled) ones lose it.
    await q.query(`UPDATE invoices i SET registration_id = NULL
                    WHERE registration_id IS NOT NULL
                      AND EXISTS (SELECT 1 FROM invoices n WHERE n.registration_id = i.registration_id AND (n.issued_at, n.number) > (i.issued_at, i.number))`);
    await q.query(`ALTER TABLE invoices ADD CONSTRAINT invoices_registration_id_key UNIQUE (registration_id)`);
  }
}
