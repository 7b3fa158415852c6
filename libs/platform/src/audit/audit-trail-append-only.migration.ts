import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnlyStatements } from '../append-only.js';

/** The runtime role may only read and add audit rows (its trigger already refuses changes, whoever connects). */
export class AuditTrailAppendOnly1766000000000 implements MigrationInterface {
  name = 'AuditTrailAppendOnly1766000000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of appendOnlyStatements('audit_trail')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`COMMENT ON TABLE audit_trail IS NULL`);
  }
}
