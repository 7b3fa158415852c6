import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The payments refused, one row each: the inbox is keyed by message id, so without this a redelivery under a new
 * message id after the organization registered would credit a payment the router had already refunded. Kept as long
 * as the ledger (no retention rule): a deleted row would reopen that.
 */
export class TopUpRefusals1767100000000 implements MigrationInterface {
  name = 'TopUpRefusals1767100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE top_up_refusals (
      payment_id uuid PRIMARY KEY,
      inn char(14) NOT NULL,
      reason text NOT NULL CHECK (reason IN ('UNKNOWN_INN')),
      refused_at timestamptz NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE top_up_refusals');
  }
}
