/** The queries the handler needs, written against the one transaction it runs in (step 3: persistence/). */
export interface Queryable {
  query(sql: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** Whether an organization with this INN has an SMS balance. */
export async function organizationExists(db: Queryable, inn: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM organization WHERE inn = $1', [inn]);
  return rows.length > 0;
}
