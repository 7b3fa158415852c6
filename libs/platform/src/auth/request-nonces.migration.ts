import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The nonces of partner request signatures (NonceStore); every service keeps its own, beside outbox and inbox. */
export class RequestNonces1765300000000 implements MigrationInterface {
  name = 'RequestNonces1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE request_nonces (
      key_id text NOT NULL,
      nonce text NOT NULL,
      seen_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (key_id, nonce)
    )`);
    await q.query(`CREATE INDEX request_nonces_by_age ON request_nonces (seen_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE request_nonces`);
  }
}
