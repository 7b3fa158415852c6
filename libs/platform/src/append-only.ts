/** The comment that marks a table append-only; deploy/postgres/service-database.psql reads it when it grants again. */
export const APPEND_ONLY_MARK = 'append-only: rows are added and read, never changed';

/**
 * A migration's statements that make a table append-only for the runtime role: its grant narrowed to SELECT and INSERT
 * (from every role the owner granted more; a migration does not know the runtime role's name), and the mark.
 */
export function appendOnlyStatements(table: string): string[] {
  return [
    `COMMENT ON TABLE ${table} IS '${APPEND_ONLY_MARK}'`,
    `DO $$
     DECLARE r record;
     BEGIN
       FOR r IN SELECT DISTINCT grantee FROM information_schema.role_table_grants
                 WHERE table_schema = 'public' AND table_name = '${table}' AND grantee <> current_user
                   AND privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')
       LOOP
         EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM %I', '${table}', r.grantee);
       END LOOP;
     END $$`,
  ];
}
