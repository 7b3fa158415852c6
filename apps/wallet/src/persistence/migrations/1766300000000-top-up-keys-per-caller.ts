import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scopes a top-up's Idempotency-Key to its caller (`partner:<keyid>` or `staff:<subject>`), as payments are: two
 * callers' equal keys are two top-ups, and no caller is answered another's top-up by guessing its key. Top-ups made
 * before have no caller and keep answering their key to any caller (what they did), so no retry of one doubles it.
 */
export class TopUpKeysPerCaller1766300000000 implements MigrationInterface {
  name = 'TopUpKeysPerCaller1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE wallet_ledger ADD COLUMN IF NOT EXISTS caller_id text`);
    await q.query(
      `CREATE UNIQUE INDEX IF NOT EXISTS wallet_ledger_top_up_caller_key ON wallet_ledger (phone, caller_id, idempotency_key) WHERE kind = 'TOP_UP'`,
    );
    await q.query(`DROP INDEX IF EXISTS wallet_ledger_top_up_key`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE UNIQUE INDEX wallet_ledger_top_up_key ON wallet_ledger (phone, idempotency_key) WHERE kind = 'TOP_UP'`,
    );
    await q.query(`DROP INDEX wallet_ledger_top_up_caller_key`);
    await q.query(`ALTER TABLE wallet_ledger DROP COLUMN caller_id`);
  }
}
