import type pg from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Envelope } from '#contracts';
import { takeDeferredOutboxRows } from '#messaging';

/** The parts of TypeORM's query runner state that say a transaction is open (so a nested one becomes a SAVEPOINT). */
type RunnerState = { isTransactionActive: boolean; transactionDepth: number };

/** A value written into SQL text as a literal: strings escaped by the driver, numbers and bigints as digits. */
export type SqlValue = string | bigint | number | boolean | Date | null;
export type SqlLiteral = (value: SqlValue) => string;

/**
 * What a hand-run transaction offers beside TypeORM's EntityManager: statements sent several to a round trip.
 * Round trips are what a payment costs (docs/performance.md), so the hot handlers batch their statements: the
 * simple query protocol carries several statements in one message, values inlined as escaped literals, and in
 * READ COMMITTED each statement still takes its own snapshot, so a read after a `FOR UPDATE` in the same batch sees
 * what the previous holder of the lock committed.
 */
export interface TransactionBatch {
  /** Rows of each statement of `opening`, sent with BEGIN. */
  readonly opened: Record<string, any>[][];
  /** Inlines a value as a literal (for statements of `batch` and `atCommit`). */
  readonly lit: SqlLiteral;
  /** Runs the statements in one round trip; the rows of each, in order. An error in one rolls the transaction back. */
  batch(statements: string[]): Promise<Record<string, any>[][]>;
  /** Sends the statement with the COMMIT (after the outbox rows): for writes whose result nobody needs to read. */
  atCommit(statement: string): void;
}

/**
 * Runs a transaction by hand on a TypeORM query runner: the `opening` statements travel with BEGIN, the outbox rows
 * the effect appended and its `atCommit` statements travel with COMMIT. The effect sees an ordinary transactional
 * EntityManager as well, for everything that is not on the hot path. After the COMMIT the outbox wakes the relay.
 */
export async function inTransaction<T>(
  db: DataSource,
  opening: (lit: SqlLiteral) => string[],
  effect: (tx: EntityManager, batch: TransactionBatch) => Promise<T>,
): Promise<T> {
  const runner: QueryRunner = db.createQueryRunner();
  const state = runner as unknown as RunnerState;
  try {
    const client = (await runner.connect()) as pg.PoolClient;
    const lit = literalOf(client);
    const multi = async (statements: string[]) => {
      if (statements.length === 0) return [];
      const results = (await client.query(statements.join(';\n'))) as unknown as pg.QueryResult | pg.QueryResult[];
      return (Array.isArray(results) ? results : [results]).map((r) => r.rows);
    };
    const [, ...opened] = await multi(['BEGIN', ...opening(lit)]).catch(async (e: unknown) => {
      // A statement after BEGIN failed (a lock timeout on the opening FOR UPDATE): the transaction is open and aborted,
      // and the connection must not go back to the pool that way.
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    });
    state.isTransactionActive = true;
    state.transactionDepth = 1;
    const later: string[] = [];
    let value: T;
    try {
      value = await effect(runner.manager, { opened, lit, batch: multi, atCommit: (s) => void later.push(s) });
      const rows = takeDeferredOutboxRows(runner, lit);
      await client.query([...(rows ? [rows.sql] : []), ...later, 'COMMIT'].join(';\n'));
    } catch (e) {
      takeDeferredOutboxRows(runner);
      await client.query('ROLLBACK').catch(() => undefined);
      state.isTransactionActive = false;
      state.transactionDepth = 0;
      await runner.broadcaster.broadcast('AfterTransactionRollback');
      throw e;
    }
    state.isTransactionActive = false;
    state.transactionDepth = 0;
    // Tells the outbox (outboxCommitSubscriber) to wake the relay.
    await runner.broadcaster.broadcast('AfterTransactionCommit');
    return value;
  } finally {
    await runner.release();
  }
}

export interface ApplyOnceOptions {
  /**
   * Statements (usually the lock and the reads the decision needs) sent in the same round trip as BEGIN and the inbox
   * claim; their rows reach the effect as `batch.opened`. They run for a duplicate too, whose effect is skipped.
   */
  reads?: (lit: SqlLiteral) => string[];
}

/**
 * Applies one message's effect in one transaction that first claims the message in the inbox, so a message
 * already applied changes nothing. The consumer acknowledges the message only after this resolves.
 * BEGIN, the claim and the effect's `reads` take one round trip; the outbox rows and COMMIT another.
 */
export async function applyOnce(
  db: DataSource,
  consumer: string,
  event: Envelope,
  effect: (tx: EntityManager, batch: TransactionBatch) => Promise<void>,
  options: ApplyOnceOptions = {},
): Promise<void> {
  await inTransaction(
    db,
    (lit) => [
      `INSERT INTO inbox (consumer, message_id, type) VALUES (${lit(consumer)}, ${lit(event.messageId)}, ${lit(event.type)}) ON CONFLICT DO NOTHING RETURNING 1`,
      ...(options.reads?.(lit) ?? []),
    ],
    async (tx, batch) => {
      const [claim, ...reads] = batch.opened;
      if (claim.length === 1) await effect(tx, { ...batch, opened: reads });
    },
  );
}

function literalOf(client: pg.ClientBase): SqlLiteral {
  return (value) => {
    if (value === null) return 'NULL';
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) throw new Error(`only safe integers are inlined into SQL, not ${value}`);
      return String(value);
    }
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    return client.escapeLiteral(value instanceof Date ? value.toISOString() : value);
  };
}
