import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports paid from the СОЧИ balance. The ledger takes CHARGE entries beside TOP_UP ones; amounts stay positive and
 * the kind gives the direction, as in the wallet's ledger.
 */
export class ReportCharges1764892800000 implements MigrationInterface {
  name = 'ReportCharges1764892800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sochi_ledger DROP CONSTRAINT sochi_ledger_kind_check`);
    await q.query(
      `ALTER TABLE sochi_ledger ADD CONSTRAINT sochi_ledger_kind_check CHECK (kind IN ('TOP_UP', 'CHARGE'))`,
    );
    await q.query(`ALTER TABLE sochi_ledger ADD COLUMN report_id text`);
    await q.query(
      `ALTER TABLE sochi_ledger ADD CONSTRAINT sochi_ledger_charge_shape CHECK (kind <> 'CHARGE' OR (report_id IS NOT NULL AND payment_id IS NULL))`,
    );
    await q.query(
      `ALTER TABLE sochi_ledger ADD CONSTRAINT sochi_ledger_balance_after_check CHECK (balance_after >= 0)`,
    );
    // A report is charged once, whatever retries or concurrent top-ups do.
    await q.query(
      `CREATE UNIQUE INDEX sochi_ledger_once_per_report ON sochi_ledger (report_id) WHERE report_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX sochi_ledger_by_inn_time ON sochi_ledger (inn, created_at)`);
    await q.query(`CREATE TABLE report_charges (
      id bigserial PRIMARY KEY,
      report_id text NOT NULL UNIQUE CHECK (report_id ~ '^[A-Za-z0-9._:-]{1,64}$'),
      inn char(14) NOT NULL REFERENCES organizations(inn),
      description text NOT NULL CHECK (length(description) BETWEEN 1 AND 300),
      price bigint NOT NULL CHECK (price > 0),
      status text NOT NULL CHECK (status IN ('AWAITING_PAYMENT', 'PAID')),
      requested_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      paid_at timestamptz,
      CHECK ((status = 'PAID') = (paid_at IS NOT NULL))
    )`);
    // The queue a top-up settles, oldest (lowest id) first.
    await q.query(`CREATE INDEX report_charges_waiting ON report_charges (inn, id) WHERE status = 'AWAITING_PAYMENT'`);
    await q.query(`CREATE INDEX report_charges_by_inn ON report_charges (inn, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE report_charges');
    await q.query(`DROP INDEX sochi_ledger_by_inn_time`);
    await q.query(`DROP INDEX sochi_ledger_once_per_report`);
    await q.query(`ALTER TABLE sochi_ledger DROP CONSTRAINT sochi_ledger_balance_after_check`);
    await q.query(`ALTER TABLE sochi_ledger DROP CONSTRAINT sochi_ledger_charge_shape`);
    await q.query(`ALTER TABLE sochi_ledger DROP COLUMN report_id`);
    await q.query(`ALTER TABLE sochi_ledger DROP CONSTRAINT sochi_ledger_kind_check`);
    await q.query(`ALTER TABLE sochi_ledger ADD CONSTRAINT sochi_ledger_kind_check CHECK (kind IN ('TOP_UP'))`);
  }
}
