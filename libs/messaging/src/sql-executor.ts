/** The one thing messaging needs from a database transaction: run SQL. TypeORM's EntityManager and pg's clients fit. */
export interface SqlExecutor {
  query(sql: string, parameters?: unknown[]): Promise<any>;
}
