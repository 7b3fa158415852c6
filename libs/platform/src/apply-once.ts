import type pg from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Envelope } from '#contracts';
import { takeDeferredOutboxRows } from '#messaging';

/** The parts of TypeORM's query runner state that say a transaction is open (so a nested one becomes a SAVEPOINT). */
type RunnerState = { isTransactionActive: boolean; transactionDepth: number };

/**
 * Applies one message's effect in one transaction that first claims the message in the inbox, so a message
 * already applied changes nothing. The consumer acknowledges the message only after this resolves.
 *
 * Round trips matter more than anything else on the hot path (docs/performance.md), so the transaction is run by hand
 * on a TypeORM query runner: BEGIN goes with the inbox claim, and the outbox rows the effect appended go with the
 * COMMIT (simple protocol, values inlined as escaped literals). The effect sees an ordinary transactional EntityManager.
 */
export async function applyOnce(db: DataSource, consumer: string, event: Envelope, effect: (tx: EntityManager) => Promise<void>): Promise<void> {
  const runner: QueryRunner = db.createQueryRunner();
  const state = runner as unknown as RunnerState;
  try {
    const client = (await runner.connect()) as pg.PoolClient;
    const lit = (v: string) => client.escapeLiteral(v);
    const [, claim] = (await client.query(
      `BEGIN; INSERT INTO inbox (consumer, message_id, type) VALUES (${lit(consumer)}, ${lit(event.messageId)}, ${lit(event.type)}) ON CONFLICT DO NOTHING RETURNING 1`,
    )) as unknown as pg.QueryResult[];
    state.isTransactionActive = true;
    state.transactionDepth = 1;
    try {
      if (claim.rowCount === 1) await effect(runner.manager);
      const rows = takeDeferredOutboxRows(runner, lit);
      await client.query(rows ? `${rows.sql}; COMMIT` : 'COMMIT');
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
  } finally {
    await runner.release();
  }
}
