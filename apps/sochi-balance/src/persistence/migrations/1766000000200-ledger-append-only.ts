import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnlyStatements } from '#platform';

/** The СОЧИ ledger is append-only for the runtime role: a correction is a new line, never an edit. */
export class LedgerAppendOnly1766000000200 implements MigrationInterface {
  name = 'LedgerAppendOnly1766000000200';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of appendOnlyStatements('sochi_ledger')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`COMMENT ON TABLE sochi_ledger IS NULL`);
  }
}
