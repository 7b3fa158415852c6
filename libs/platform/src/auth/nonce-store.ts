import pg from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The nonces of partner signatures seen lately, in the service's own database, so that every instance refuses a
 * replay: a nonce is remembered for twice the signature's freshness window (after that its `created` is too old to
 * pass anyway) and forgotten in bounded batches.
 *
 * A nonce is written with an asynchronous commit, in one round trip straight on the pool (no query runner): visible to
 * every instance the moment it commits, but its WAL flush — with a synchronous standby, a network round trip — is not
 * waited for on every signed request. What that gives up: a database crash may forget the nonces of the last few
 * hundred milliseconds, so a request captured in that instant could be replayed once, within its freshness window,
 * after the crash. A replayed payment is still the same payment (its Idempotency-Key), and a replayed read reads.
 */
export class NonceStore {
  constructor(
    private readonly db: DataSource,
    private readonly windowS: number,
  ) {}

  /** True the first time a key's nonce is seen; false for a replay. */
  async firstUse(keyId: string, nonce: string): Promise<boolean> {
    const pool = (this.db.driver as unknown as { master: pg.Pool }).master;
    // Two statements in one simple query are one implicit transaction: the SET LOCAL holds for the INSERT's commit.
    const results = (await pool.query(
      `SET LOCAL synchronous_commit = off; INSERT INTO request_nonces (key_id, nonce) ` +
        `VALUES (${pg.escapeLiteral(keyId)}, ${pg.escapeLiteral(nonce)}) ON CONFLICT DO NOTHING RETURNING 1`,
    )) as unknown as pg.QueryResult[];
    return results[results.length - 1].rows.length === 1;
  }

  /** Deletes nonces past twice the window, at most `limit` at a time; returns how many went. */
  async forgetExpired(limit = 5000): Promise<number> {
    const rows: unknown[] = await this.db.query(
      `DELETE FROM request_nonces WHERE ctid = ANY(ARRAY(SELECT ctid FROM request_nonces WHERE seen_at < now() - make_interval(secs => $1) LIMIT $2)) RETURNING 1`,
      [2 * this.windowS, limit],
    );
    return rows.length;
  }
}
