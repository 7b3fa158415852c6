import type pg from 'pg';
import { SERVICE_NAMES, type ServiceName } from './system.js';

/** One table of one service: rows now, rows ever inserted and deleted (pg_stat_user_tables), its size with indexes. */
export interface TableGrowth {
  service: ServiceName;
  table: string;
  rows: number;
  inserted: number;
  deleted: number;
  bytes: number;
}

/** The bookkeeping tables retention looks after, in every service database. */
export async function tableGrowth(
  db: (s: ServiceName) => Promise<Pick<pg.Client, 'query'>>,
  tables = ['outbox', 'inbox'],
): Promise<TableGrowth[]> {
  const out: TableGrowth[] = [];
  for (const service of SERVICE_NAMES) {
    const client = await db(service);
    // The statistics collector reports with a delay: counts are exact, the inserted/deleted totals nearly.
    const { rows } = await client.query(
      `SELECT relname AS table, n_tup_ins::bigint AS inserted, n_tup_del::bigint AS deleted, pg_total_relation_size(relid)::bigint AS bytes
         FROM pg_stat_user_tables WHERE relname = ANY($1) ORDER BY relname`,
      [tables],
    );
    for (const r of rows) {
      const counted = await client.query(`SELECT count(*)::int AS n FROM ${r.table}`);
      out.push({
        service,
        table: r.table,
        rows: counted.rows[0].n,
        inserted: Number(r.inserted),
        deleted: Number(r.deleted),
        bytes: Number(r.bytes),
      });
    }
  }
  return out;
}

/** Rows of one table and its size with indexes, summed over the four services. */
export async function rowsOf(
  db: (s: ServiceName) => Promise<Pick<pg.Client, 'query'>>,
  table: string,
): Promise<{ rows: number; bytes: number }> {
  const sum = { rows: 0, bytes: 0 };
  for (const service of SERVICE_NAMES) {
    const { rows } = await (
      await db(service)
    ).query(`SELECT count(*)::int AS n, pg_total_relation_size('${table}')::bigint AS bytes FROM ${table}`);
    sum.rows += rows[0].n;
    sum.bytes += Number(rows[0].bytes);
  }
  return sum;
}
