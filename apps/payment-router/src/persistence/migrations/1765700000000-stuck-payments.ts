import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a payment was noticed stuck (not final PAYMENT_STUCK_AFTER_S after its request): set once, with the
 * payment.stuck event, and never cleared, so it also tells afterwards that a payment was stuck. The sweep finds
 * candidates through payments_pending (created_at of AWAITING_* payments).
 */
export class StuckPayments1765700000000 implements MigrationInterface {
  name = 'StuckPayments1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payments ADD COLUMN stuck_noticed_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payments DROP COLUMN stuck_noticed_at`);
  }
}
