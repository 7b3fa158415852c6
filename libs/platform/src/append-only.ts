import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The comment that marks a table append-only; deploy/postgres/service-database.psql reads it when it grants again. */
export const APPEND_ONLY_MARK = 'append-only: rows are added and read, never changed';

/**
 * A migration that makes one table append-only for the runtime role: its grant narrowed to SELECT and INSERT (taken
 * from every role the owner granted more, since a migration does not know the runtime role's name), and the mark.
 * A subclass names itself and its table.
 */
export abstract class AppendOnlyTableMigration implements MigrationInterface {
  abstract readonly name: string;
  protected abstract readonly table: string;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`COMMENT ON TABLE ${this.table} IS '${APPEND_ONLY_MARK}'`);
    await q.query(`DO $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT DISTINCT grantee FROM information_schema.role_table_grants
                  WHERE table_schema = 'public' AND table_name = '${this.table}' AND grantee <> current_user
                    AND privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')
        LOOP
          EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM %I', '${this.table}', r.grantee);
        END LOOP;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`COMMENT ON TABLE ${this.table} IS NULL`);
  }
}
