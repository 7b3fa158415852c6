import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff's lists, newest first, by office and status; and who set each price. Prices changed before this migration
 * get their author from the audit trail (the change and its audit row share their instant).
 */
export class BackOffice1766100000000 implements MigrationInterface {
  name = 'BackOffice1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX invoices_by_issue ON invoices (issued_at DESC, number DESC)`);
    await q.query(`CREATE INDEX invoices_by_office ON invoices (office, issued_at DESC, number DESC)`);
    await q.query(`CREATE INDEX registrations_by_creation ON registrations (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX registrations_by_office ON registrations (office, created_at DESC, id DESC)`);
    await q.query(`ALTER TABLE product_price_changes ADD COLUMN changed_by text, ADD COLUMN changed_by_name text`);
    await q.query(`UPDATE product_price_changes c SET changed_by = a.actor, changed_by_name = a.actor_name
                     FROM audit_trail a WHERE a.action = 'ecp.price-changed' AND a.subject = 'product:' || c.product_code AND a.at = c.changed_at`);
    await q.query(`CREATE INDEX product_price_changes_by_product ON product_price_changes (product_code, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX product_price_changes_by_product`);
    await q.query(`ALTER TABLE product_price_changes DROP COLUMN changed_by, DROP COLUMN changed_by_name`);
    for (const index of [
      'registrations_by_office',
      'registrations_by_creation',
      'invoices_by_office',
      'invoices_by_issue',
    ])
      await q.query(`DROP INDEX ${index}`);
  }
}
