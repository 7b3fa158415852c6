import type { DataSource } from 'typeorm';

/**
 * The nonces of partner signatures seen lately, in the service's own database, so that every instance refuses a
 * replay: a nonce is remembered for twice the signature's freshness window (after that its `created` is too old to
 * pass anyway) and forgotten in bounded batches.
 */
export class NonceStore {
  constructor(
    private readonly db: DataSource,
    private readonly windowS: number,
  ) {}

  /** True the first time a key's nonce is seen; false for a replay. */
  async firstUse(keyId: string, nonce: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO request_nonces (key_id, nonce) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
      [keyId, nonce],
    );
    return rows.length === 1;
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
