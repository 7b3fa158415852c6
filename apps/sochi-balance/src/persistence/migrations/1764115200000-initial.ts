import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MESSAGING_TABLES_DOWN, MESSAGING_TABLES_UP } from '#messaging';

export class Initial1764115200000 implements MigrationInterface {
  name = 'Initial1764115200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE organizations (
      inn char(14) PRIMARY KEY CHECK (inn ~ '^[0-9]{14}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
      balance bigint NOT NULL DEFAULT 0 CHECK (balance >= 0),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE sochi_ledger (
      id bigserial PRIMARY KEY,
      inn char(14) NOT NULL REFERENCES organizations(inn),
      kind text NOT NULL CHECK (kind IN ('TOP_UP')),
      payment_id uuid UNIQUE,
      amount bigint NOT NULL CHECK (amount > 0),
      balance_after bigint NOT NULL,
      payer_phone text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX sochi_ledger_by_inn ON sochi_ledger (inn, id DESC)`);
    for (const sql of MESSAGING_TABLES_UP) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of MESSAGING_TABLES_DOWN) await q.query(sql);
    await q.query('DROP TABLE sochi_ledger');
    await q.query('DROP TABLE organizations');
  }
}
