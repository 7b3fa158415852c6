import pg from 'pg';
import { MESSAGING_TABLES_UP, OUTBOX_TRACE_CONTEXT_UP } from '#messaging';
import { TEST_POSTGRES_URL } from './test-env.js';

/** A new, empty database (dropped first) with today's outbox and inbox; the URL and a connection to it. */
export async function freshMessagingDatabase(name: string): Promise<{ url: string; db: pg.Client }> {
  const admin = new pg.Client({ connectionString: `${TEST_POSTGRES_URL}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = `${TEST_POSTGRES_URL}/${name}`;
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  for (const sql of [...MESSAGING_TABLES_UP, ...OUTBOX_TRACE_CONTEXT_UP]) await db.query(sql);
  return { url, db };
}
