import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lets the retention job find the oldest outbox and inbox rows through an index instead of a scan of the table.
 * On a large existing table, create them first with CREATE INDEX CONCURRENTLY (docs/operations.md); this then skips them.
 * Both tables are queues at steady state (as many rows deleted as inserted): autovacuum is asked to come after a
 * fixed number of dead rows rather than a fifth of the table, so that the space deleted rows leave is reused soon.
 */
export class RetentionIndexes1766300000000 implements MigrationInterface {
  name = 'RetentionIndexes1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS outbox_by_age ON outbox (created_at)`);
    await q.query(`CREATE INDEX IF NOT EXISTS inbox_by_age ON inbox (processed_at)`);
    for (const table of ['outbox', 'inbox']) {
      await q.query(
        `ALTER TABLE ${table} SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000)`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['outbox', 'inbox'])
      await q.query(`ALTER TABLE ${table} RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold)`);
    await q.query(`DROP INDEX inbox_by_age`);
    await q.query(`DROP INDEX outbox_by_age`);
  }
}
