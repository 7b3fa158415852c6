import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MESSAGING_TABLES_DOWN, MESSAGING_TABLES_UP } from '#messaging';

export class Initial1764201600000 implements MigrationInterface {
  name = 'Initial1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE wallets (
      phone text PRIMARY KEY CHECK (phone ~ '^996[0-9]{9}$'),
      balance bigint NOT NULL DEFAULT 0 CHECK (balance >= 0),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    // Amounts are positive; the kind gives the direction. A balance changes only in the transaction that adds its entry.
    await q.query(`CREATE TABLE wallet_ledger (
      id bigserial PRIMARY KEY,
      phone text NOT NULL REFERENCES wallets(phone),
      kind text NOT NULL CHECK (kind IN ('TOP_UP', 'DEBIT', 'REFUND')),
      amount bigint NOT NULL CHECK (amount > 0),
      balance_after bigint NOT NULL CHECK (balance_after >= 0),
      idempotency_key text CHECK (length(idempotency_key) BETWEEN 1 AND 200),
      payment_id uuid,
      service text CHECK (service IN ('SOCHI', 'ECP')),
      account text CHECK (length(account) BETWEEN 1 AND 32),
      turnover_month char(7) CHECK (turnover_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (CASE kind
        WHEN 'TOP_UP' THEN idempotency_key IS NOT NULL AND payment_id IS NULL AND turnover_month IS NULL
        ELSE idempotency_key IS NULL AND payment_id IS NOT NULL AND turnover_month IS NOT NULL
      END)
    )`);
    await q.query(`CREATE UNIQUE INDEX wallet_ledger_once_per_payment ON wallet_ledger (payment_id, kind)`);
    await q.query(
      `CREATE UNIQUE INDEX wallet_ledger_top_up_key ON wallet_ledger (phone, idempotency_key) WHERE kind = 'TOP_UP'`,
    );
    await q.query(`CREATE INDEX wallet_ledger_by_phone ON wallet_ledger (phone, id DESC)`);
    // Payments debited in a Bishkek month less their refunds; written under the wallet's row lock.
    await q.query(`CREATE TABLE wallet_month_turnover (
      phone text NOT NULL REFERENCES wallets(phone),
      month char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      amount bigint NOT NULL CHECK (amount >= 0),
      PRIMARY KEY (phone, month)
    )`);
    // Every payment decided once, debited or rejected, so a redelivered request under a new message id changes nothing.
    await q.query(`CREATE TABLE payment_decisions (
      payment_id uuid PRIMARY KEY,
      phone text NOT NULL,
      amount bigint NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('DEBITED', 'REJECTED')),
      reason text CHECK ((outcome = 'REJECTED') = (reason IS NOT NULL)),
      decided_at timestamptz NOT NULL
    )`);
    for (const sql of MESSAGING_TABLES_UP) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of MESSAGING_TABLES_DOWN) await q.query(sql);
    await q.query('DROP TABLE payment_decisions');
    await q.query('DROP TABLE wallet_month_turnover');
    await q.query('DROP TABLE wallet_ledger');
    await q.query('DROP TABLE wallets');
  }
}
