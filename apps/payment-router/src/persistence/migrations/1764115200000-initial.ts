import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MESSAGING_TABLES_DOWN, MESSAGING_TABLES_UP } from '#messaging';

export class Initial1764115200000 implements MigrationInterface {
  name = 'Initial1764115200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE payments (
      id uuid PRIMARY KEY,
      idempotency_key text NOT NULL UNIQUE,
      request_fingerprint text NOT NULL,
      phone text NOT NULL CHECK (phone ~ '^996[0-9]{9}$'),
      service text NOT NULL CHECK (service IN ('SOCHI', 'ECP')),
      account text NOT NULL,
      amount bigint NOT NULL CHECK (amount > 0),
      stage text NOT NULL CHECK (stage IN ('AWAITING_DEBIT', 'AWAITING_PAYEE', 'AWAITING_REFUND', 'COMPLETED', 'REJECTED', 'REFUNDED')),
      reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      signature_produced_at timestamptz
    )`);
    await q.query(`CREATE INDEX payments_by_phone ON payments (phone, created_at DESC)`);
    await q.query(`CREATE INDEX payments_pending ON payments (created_at) WHERE stage LIKE 'AWAITING_%'`);
    await q.query(`CREATE TABLE payment_steps (
      id bigserial PRIMARY KEY,
      payment_id uuid NOT NULL REFERENCES payments(id),
      stage text NOT NULL,
      reason text,
      cause_message_id uuid,
      at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX payment_steps_by_payment ON payment_steps (payment_id, id)`);
    for (const sql of MESSAGING_TABLES_UP) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of MESSAGING_TABLES_DOWN) await q.query(sql);
    await q.query('DROP TABLE payment_steps');
    await q.query('DROP TABLE payments');
  }
}
