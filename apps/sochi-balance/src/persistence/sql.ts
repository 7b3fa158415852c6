import type { EntityManager } from 'typeorm';

/**
 * The rows an UPDATE … RETURNING gave back. TypeORM's plain `query()` returns `[rows, rowCount]` for UPDATE and
 * DELETE on PostgreSQL but bare rows for everything else, so ask its query runner for the structured result.
 */
export async function updateReturning(
  tx: EntityManager,
  sql: string,
  parameters: unknown[],
): Promise<Record<string, any>[]> {
  if (!tx.queryRunner) throw new Error('updateReturning runs inside a transaction');
  const result = await tx.queryRunner.query(sql, parameters, true);
  return result.records;
}
