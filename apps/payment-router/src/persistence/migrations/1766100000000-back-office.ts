import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What billing staff's back office reads: indexes for the payment search and the day registers, and the saved
 * reconciliations with MegaPay. Each search filter has an index that also yields its rows newest first, so a page
 * stops after pageSize rows even at 100 000 payments (plans in docs/reconciliation.md and docs/back-office-api.md).
 */
export class BackOffice1766100000000 implements MigrationInterface {
  name = 'BackOffice1766100000000';

  async up(q: QueryRunner): Promise<void> {
    // Scanned forwards or backwards: a page sorted either way stops after its rows.
    await q.query(`CREATE INDEX payments_by_created ON payments (created_at, id)`);
    await q.query(`CREATE INDEX payments_by_amount ON payments (amount, created_at, id)`);
    await q.query(`CREATE INDEX payments_by_account ON payments (account, created_at DESC)`);
    // The key as MegaPay sent it, without the partner scope the router stores it under (payment-search.ts MEGAPAY_KEY).
    await q.query(
      `CREATE INDEX payments_by_megapay_key ON payments ((regexp_replace(idempotency_key, '^partner:[^/]*/', '')))`,
    );
    // The day register: final steps by when they happened.
    await q.query(
      `CREATE INDEX payment_steps_final_by_time ON payment_steps (at) WHERE stage IN ('COMPLETED', 'REJECTED', 'REFUNDED')`,
    );
    await q.query(`CREATE TABLE reconciliations (
      day date PRIMARY KEY,
      compared_at timestamptz NOT NULL,
      compared_by text NOT NULL,
      their_register text NOT NULL,
      counts jsonb NOT NULL,
      totals jsonb NOT NULL
    )`);
    await q.query(`CREATE TABLE reconciliation_differences (
      id bigserial PRIMARY KEY,
      day date NOT NULL REFERENCES reconciliations(day) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('missingOnOurSide', 'missingOnTheirs', 'amountDiffers', 'statusDiffers', 'detailsDiffer')),
      idempotency_key text NOT NULL,
      payment_id uuid,
      ours jsonb,
      theirs jsonb,
      signature text NOT NULL,
      resolution_note text CHECK (length(resolution_note) BETWEEN 1 AND 2000),
      resolved_by text,
      resolved_at timestamptz,
      CONSTRAINT reconciliation_differences_resolution_complete CHECK ((resolution_note IS NULL) = (resolved_by IS NULL) AND (resolved_by IS NULL) = (resolved_at IS NULL))
    )`);
    await q.query(`CREATE INDEX reconciliation_differences_by_day ON reconciliation_differences (day, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reconciliation_differences`);
    await q.query(`DROP TABLE reconciliations`);
    for (const index of [
      'payment_steps_final_by_time',
      'payments_by_megapay_key',
      'payments_by_amount',
      'payments_by_account',
      'payments_by_created',
    ])
      await q.query(`DROP INDEX ${index}`);
  }
}
