import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnlyStatements } from '#platform';

/** The wallet's ledger is append-only for the runtime role: a correction is a new line, never an edit. */
export class LedgerAppendOnly1766000000100 implements MigrationInterface {
  name = 'LedgerAppendOnly1766000000100';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of appendOnlyStatements('wallet_ledger')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`COMMENT ON TABLE wallet_ledger IS NULL`);
  }
}
