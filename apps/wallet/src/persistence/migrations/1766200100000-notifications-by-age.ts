import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Lets the retention job find the oldest notifications without scanning them all. */
export class NotificationsByAge1766200100000 implements MigrationInterface {
  name = 'NotificationsByAge1766200100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS notifications_by_age ON notifications (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_by_age`);
  }
}
