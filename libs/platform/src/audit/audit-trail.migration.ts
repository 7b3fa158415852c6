import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The append-only audit trail of staff and partner writes; every service keeps its own. */
export class AuditTrail1765400000000 implements MigrationInterface {
  name = 'AuditTrail1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_trail (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      actor text NOT NULL,
      actor_name text,
      request_id text NOT NULL,
      action text NOT NULL,
      subject text NOT NULL,
      before jsonb,
      after jsonb
    )`);
    await q.query(`CREATE INDEX audit_trail_by_subject ON audit_trail (subject, id)`);
    // Append-only: a row, once written, is never changed or removed, whoever connects.
    await q.query(`CREATE FUNCTION audit_trail_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$`);
    await q.query(`CREATE TRIGGER audit_trail_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_trail
      FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_trail`);
    await q.query(`DROP FUNCTION audit_trail_append_only()`);
  }
}
