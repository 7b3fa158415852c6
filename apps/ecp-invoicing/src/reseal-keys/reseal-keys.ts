import type pg from 'pg';
import { CA_SEAL_CONTEXT } from '../certificates/certificate-authority.js';
import type { KeySealer } from '../certificates/key-sealer.js';
import { cloudKeyContext } from '../certificates/x509-signature.producer.js';

/** What one run re-sealed, found already under the first key, and could not re-seal (each with why). */
export interface ResealReport {
  resealed: number;
  alreadyCurrent: number;
  failed: { row: string; reason: string }[];
}

export interface ResealOptions {
  /** Rows looked up per query; each row is then re-sealed in its own short transaction. */
  batch?: number;
  /** A pause between batches, to leave the database to the running service. */
  pauseMs?: number;
}

/** Where sealed keys are stored: the table, its key column, and the sealing context of a row. */
const STORES = [
  { table: 'certificates', key: 'invoice_number', context: (row: string) => cloudKeyContext(row.trim()) },
  { table: 'certificate_authority', key: 'id', context: () => CA_SEAL_CONTEXT },
] as const;

/**
 * Re-seals every stored private key not yet sealed under the sealer's first key-encryption key: a rotation's second
 * step. Rows are read in batches and each is re-sealed in its own short transaction under a row lock (with a lock
 * timeout, so a row the service holds is left for the next run), so the running service keeps working throughout:
 * it opens rows under the old key and the new one alike. Safe to run again, and by two operators at once.
 */
export async function resealKeys(
  pool: pg.Pool,
  sealer: KeySealer,
  { batch = 100, pauseMs = 0 }: ResealOptions = {},
): Promise<ResealReport> {
  const report: ResealReport = { resealed: 0, alreadyCurrent: 0, failed: [] };
  for (const store of STORES) {
    for (let after = ''; ;) {
      const { rows } = await pool.query<{ row: string }>(
        `SELECT ${store.key}::text AS row FROM ${store.table}
          WHERE private_key_sealed IS NOT NULL AND key_encryption_key_id <> $1 AND ${store.key}::text > $2
          ORDER BY ${store.key}::text LIMIT $3`,
        [sealer.keyId, after, batch],
      );
      for (const { row } of rows) {
        const outcome = await resealRow(pool, sealer, store, row);
        if (outcome === 'resealed') report.resealed++;
        else if (outcome === 'current') report.alreadyCurrent++;
        else report.failed.push({ row: `${store.table} ${row.trim()}`, reason: outcome.failed });
      }
      if (rows.length < batch) break;
      after = rows.at(-1)!.row;
      if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
    }
  }
  return report;
}

async function resealRow(
  pool: pg.Pool,
  sealer: KeySealer,
  store: (typeof STORES)[number],
  row: string,
): Promise<'resealed' | 'current' | { failed: string }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL lock_timeout = '2s'`);
    const { rows } = await client.query<{ sealed: Buffer; key_id: string }>(
      `SELECT private_key_sealed AS sealed, key_encryption_key_id AS key_id FROM ${store.table} WHERE ${store.key}::text = $1 FOR UPDATE`,
      [row],
    );
    const stored = rows[0];
    if (!stored || stored.key_id === sealer.keyId) {
      await client.query('ROLLBACK');
      return 'current';
    }
    const context = store.context(row);
    const plaintext = sealer.open(stored.sealed, stored.key_id, context);
    const resealed = sealer.seal(plaintext, context);
    plaintext.fill(0);
    await client.query(
      `UPDATE ${store.table} SET private_key_sealed = $2, key_encryption_key_id = $3 WHERE ${store.key}::text = $1`,
      [row, resealed.ciphertext, resealed.keyId],
    );
    await client.query('COMMIT');
    return 'resealed';
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    return { failed: (e as Error).message };
  } finally {
    client.release();
  }
}
