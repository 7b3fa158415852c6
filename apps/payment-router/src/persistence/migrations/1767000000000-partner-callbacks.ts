import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The final-status callbacks owed to the partner (notify-partner): one row per payment, written in the transaction that
 * made it final, so the primary key makes a second enqueue a no-op. `body` is the JSON exactly as sent (and signed).
 * Undelivered rows are found by `partner_callbacks_due`; delivered ones by age for the retention job.
 */
export class PartnerCallbacks1767000000000 implements MigrationInterface {
  name = 'PartnerCallbacks1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partner_callbacks (
        payment_id uuid PRIMARY KEY,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        last_error text
      )`);
    await q.query(
      `CREATE INDEX partner_callbacks_due ON partner_callbacks (next_attempt_at) WHERE delivered_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX partner_callbacks_delivered ON partner_callbacks (delivered_at) WHERE delivered_at IS NOT NULL`,
    );
    // A queue at steady state, like the outbox: vacuumed after a fixed number of dead rows.
    await q.query(
      `ALTER TABLE partner_callbacks SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE partner_callbacks`);
  }
}
