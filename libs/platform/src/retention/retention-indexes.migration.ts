import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lets the retention job find the oldest outbox and inbox rows through an index instead of a scan of the table.
 * On a large existing table, create them first with CREATE INDEX CONCURRENTLY (docs/operations.md); this then skips them.
 */
export class RetentionIndexes1766200000000 implements MigrationInterface {
  name = 'RetentionIndexes1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS outbox_by_age ON outbox (created_at)`);
    await q.query(`CREATE INDEX IF NOT EXISTS inbox_by_age ON inbox (processed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX inbox_by_age`);
    await q.query(`DROP INDEX outbox_by_age`);
  }
}
