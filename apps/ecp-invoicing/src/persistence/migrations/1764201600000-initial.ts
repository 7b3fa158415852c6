import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MESSAGING_TABLES_DOWN, MESSAGING_TABLES_UP } from '#messaging';

const STATUSES = `('ISSUED', 'PAID', 'SIGNATURE_PRODUCED')`;

export class Initial1764201600000 implements MigrationInterface {
  name = 'Initial1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE invoices (
      number char(16) PRIMARY KEY CHECK (number ~ '^[1-9][0-9]{15}$'),
      client_name text NOT NULL CHECK (length(client_name) BETWEEN 1 AND 300),
      inn char(14) NOT NULL CHECK (inn ~ '^[0-9]{14}$'),
      office text NOT NULL CHECK (office IN ('OSH', 'JALAL_ABAD', 'ONLINE')),
      amount bigint NOT NULL CHECK (amount > 0),
      status text NOT NULL DEFAULT 'ISSUED' CHECK (status IN ${STATUSES}),
      issued_at timestamptz NOT NULL,
      paid_at timestamptz,
      -- One payment pays at most one invoice.
      payment_id uuid UNIQUE,
      CONSTRAINT invoices_paid_iff_not_issued CHECK ((status = 'ISSUED') = (paid_at IS NULL) AND (paid_at IS NULL) = (payment_id IS NULL))
    )`);
    await q.query(`CREATE TABLE invoice_transitions (
      id bigserial PRIMARY KEY,
      invoice_number char(16) NOT NULL REFERENCES invoices(number),
      status text NOT NULL CHECK (status IN ${STATUSES}),
      at timestamptz NOT NULL,
      cause text NOT NULL CHECK (length(cause) > 0),
      -- Each status is entered once: a second transition into it is a bug, not a retry.
      UNIQUE (invoice_number, status)
    )`);
    await q.query(`CREATE TABLE signature_productions (
      invoice_number char(16) PRIMARY KEY REFERENCES invoices(number),
      payment_id uuid NOT NULL,
      started_at timestamptz NOT NULL,
      produced_at timestamptz CHECK (produced_at >= started_at)
    )`);
    for (const sql of MESSAGING_TABLES_UP) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of MESSAGING_TABLES_DOWN) await q.query(sql);
    await q.query('DROP TABLE signature_productions');
    await q.query('DROP TABLE invoice_transitions');
    await q.query('DROP TABLE invoices');
  }
}
