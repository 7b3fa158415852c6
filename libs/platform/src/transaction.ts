import type pg from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { takeDeferredOutboxRows } from '#messaging';
import { literal, trustedSql, type Sql } from './sql.js';

/** The parts of TypeORM's query runner state that say a transaction is open (so a nested one becomes a SAVEPOINT). */
type RunnerState = { isTransactionActive: boolean; transactionDepth: number };

export type Row = Record<string, any>;
/** Statements by name: what a handler reads (or writes) in one round trip. A null one is not sent (rows: none). */
export type Statements = Record<string, Sql | null>;
/** The rows of each named statement, under its name. */
export type RowsOf<S extends Statements> = { [K in keyof S]: Row[] };

/**
 * A transaction the platform runs by hand. Round trips are what a payment costs (docs/performance.md), so statements
 * travel several to a round trip: the simple query protocol carries them in one message, values inlined as literals
 * by the `sql` tag, and in READ COMMITTED each still takes its own snapshot, so a read after a `FOR UPDATE` in the same
 * round trip sees what the previous holder of the lock committed.
 */
export interface Transaction {
  /** TypeORM's manager on the same connection and transaction: for the outbox and for code off the hot path. */
  readonly manager: EntityManager;
  /** Sends the statements in one round trip (after the writes still waiting in `atCommit`); their rows by name. */
  read<S extends Statements>(statements: S): Promise<RowsOf<S>>;
  /** As `read`, for statements that change rows: their RETURNING rows by name, for the caller's guards. */
  write<S extends Statements>(statements: S): Promise<RowsOf<S>>;
  /**
   * Holds a write nobody reads the result of until the next round trip: the next `read`/`write`, or the COMMIT.
   * So a later read in the transaction still sees it.
   */
  atCommit(statement: Sql): void;
}

/**
 * Runs a transaction by hand on a TypeORM query runner: the `opening` statements travel with BEGIN, the outbox rows
 * the effect appended and its `atCommit` statements travel with COMMIT. Any failure — of BEGIN, of an opening
 * statement, of the effect or of the COMMIT — rolls back before the connection goes back to the pool; a connection
 * whose ROLLBACK fails too is destroyed, not pooled. After the COMMIT the outbox hears of it (AfterTransactionCommit).
 */
export async function inTransaction<S extends Statements, T>(
  db: DataSource,
  opening: S,
  effect: (tx: Transaction, opened: RowsOf<S>) => Promise<T>,
): Promise<T> {
  const runner: QueryRunner = db.createQueryRunner();
  const state = runner as unknown as RunnerState;
  let began = false;
  let broken: Error | undefined;
  try {
    const client = (await runner.connect()) as pg.PoolClient;
    const later: Sql[] = [];
    const send = async (statements: Sql[]): Promise<Row[][]> => {
      const all = [...later.splice(0), ...statements];
      if (all.length === 0) return [];
      const text = all.map((s) => s.inline()).join(';\n');
      const results = (await client.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
      // Only the caller's statements answer: held writes went first.
      return (Array.isArray(results) ? results : [results]).slice(all.length - statements.length).map((r) => r.rows);
    };
    const named = async <N extends Statements>(statements: N): Promise<RowsOf<N>> => {
      const names = Object.keys(statements).filter((n) => statements[n] !== null);
      const rows = await send(names.map((n) => statements[n]!));
      const byName = new Map(names.map((n, i) => [n, rows[i]]));
      return Object.fromEntries(Object.keys(statements).map((n) => [n, byName.get(n) ?? []])) as RowsOf<N>;
    };
    began = true; // from here a failure may leave the session inside a transaction: it is rolled back below
    state.isTransactionActive = true;
    state.transactionDepth = 1;
    const names = Object.keys(opening).filter((n) => opening[n] !== null);
    const [, ...openedRows] = await send([trustedSql('BEGIN'), ...names.map((n) => opening[n]!)]);
    const byName = new Map(names.map((n, i) => [n, openedRows[i]]));
    const opened = Object.fromEntries(Object.keys(opening).map((n) => [n, byName.get(n) ?? []])) as RowsOf<S>;
    const tx: Transaction = { manager: runner.manager, read: named, write: named, atCommit: (s) => void later.push(s) };
    const value = await effect(tx, opened);
    const rows = takeDeferredOutboxRows(runner, literal);
    await send([...(rows ? [trustedSql(rows.sql)] : []), trustedSql('COMMIT')]);
    began = false;
    state.isTransactionActive = false;
    state.transactionDepth = 0;
    // Tells the outbox (outboxCommitSubscriber) that its rows committed: it publishes them / wakes the relay.
    await runner.broadcaster.broadcast('AfterTransactionCommit');
    return value;
  } catch (e) {
    if (began) {
      takeDeferredOutboxRows(runner);
      state.isTransactionActive = false;
      state.transactionDepth = 0;
      try {
        await runner.query('ROLLBACK');
      } catch (rollbackFailed) {
        broken = rollbackFailed as Error;
      }
      await runner.broadcaster.broadcast('AfterTransactionRollback');
    }
    throw e;
  } finally {
    // A connection that could not roll back is in an unknown state (perhaps inside an aborted transaction): the pool
    // destroys a client released with an error instead of handing it to the next caller.
    if (broken) await releaseBroken(runner, broken);
    else await runner.release();
  }
}

async function releaseBroken(runner: QueryRunner, err: Error): Promise<void> {
  const withError = runner as unknown as { releasePostgresConnection?: (e: Error) => Promise<void> };
  if (withError.releasePostgresConnection) await withError.releasePostgresConnection(err);
  else await runner.release();
}

/**
 * The rows of one statement on a TypeORM manager, with its values as parameters. TypeORM's plain `query()` returns
 * `[rows, rowCount]` for UPDATE and DELETE on PostgreSQL but bare rows for everything else, so this asks the query
 * runner for the structured result: an UPDATE … RETURNING gives its rows like any SELECT.
 */
export async function queryRows(tx: EntityManager, statement: Sql): Promise<Row[]> {
  const { text, params } = statement.parameterized();
  if (!tx.queryRunner) throw new Error('queryRows runs inside a transaction');
  const result = await tx.queryRunner.query(text, params, true);
  return result.records;
}
