import { Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/** The pg pool TypeORM keeps (its counters are pg-pool's own). */
interface PoolCounters {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * What a service's own tables and pool say at scrape time: the outbox's backlog and its oldest unpublished row, the
 * inbox's size, the parked messages still open, and the connections in use and waited for. Read on each scrape, so
 * every instance reports the same table (aggregate with max(), not sum()); the queries use the partial indexes.
 */
export function registerDatabaseGauges(registry: Registry, db: DataSource): void {
  let reading: Promise<Record<string, number>> | undefined;
  // One query per scrape for all four gauges: the registry collects them together, the first starts it, the rest share it.
  const read = () =>
    (reading ??= db
      .query(
        `SELECT (SELECT count(*) FROM outbox WHERE published_at IS NULL)::int AS unpublished,
                COALESCE(extract(epoch FROM now() - (SELECT created_at FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT 1)), 0)::float8 AS oldest,
                (SELECT count(*) FROM inbox)::int AS inbox,
                (SELECT count(*) FROM parked_messages WHERE status = 'OPEN')::int AS parked`,
      )
      .then(([row]: Record<string, number>[]) => row)
      .finally(() => (reading = undefined)));
  const fromTable = (name: string, help: string, column: string) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(Number((await read())[column]));
      },
    });
  fromTable('dostek_outbox_unpublished', 'Outbox rows not yet confirmed by the broker', 'unpublished');
  fromTable(
    'dostek_outbox_oldest_unpublished_seconds',
    'Age of the oldest unpublished outbox row (0 when none)',
    'oldest',
  );
  fromTable('dostek_inbox_rows', 'Rows in the inbox (message ids already applied)', 'inbox');
  fromTable('dostek_parked_messages_open', 'Parked messages nobody has republished or discarded yet', 'parked');

  const pool = () => (db.driver as unknown as { master?: PoolCounters }).master;
  new Gauge({
    name: 'dostek_db_pool_connections',
    help: "The service's database pool: connections in use, idle, and requests waiting for one",
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const p = pool();
      if (!p) return;
      this.set({ state: 'in_use' }, p.totalCount - p.idleCount);
      this.set({ state: 'idle' }, p.idleCount);
      this.set({ state: 'waiting' }, p.waitingCount);
    },
  });
}
