/**
 * The fair monolith's one database: the same business records the four services keep for a СОЧИ payment (payment with
 * its idempotency key and steps; wallet balance, ledger and month turnover; organization balance and ledger;
 * notification), with the same keys and money columns (bigint tyiyn), in one schema.
 */
export const MONOLITH_SCHEMA = `
CREATE TABLE payments (
  id uuid PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  phone text NOT NULL,
  service text NOT NULL,
  account text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  status text NOT NULL,
  reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE payment_steps (
  id bigserial PRIMARY KEY,
  payment_id uuid NOT NULL REFERENCES payments (id),
  stage text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_steps_by_payment ON payment_steps (payment_id, id);
CREATE TABLE wallets (phone text PRIMARY KEY, balance bigint NOT NULL CHECK (balance >= 0));
CREATE TABLE wallet_ledger (
  id bigserial PRIMARY KEY,
  phone text NOT NULL REFERENCES wallets (phone),
  kind text NOT NULL,
  amount bigint NOT NULL,
  balance_after bigint NOT NULL,
  payment_id uuid UNIQUE,
  service text,
  account text,
  turnover_month text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE wallet_month_turnover (
  phone text NOT NULL REFERENCES wallets (phone),
  month text NOT NULL,
  amount bigint NOT NULL CHECK (amount <= 6000000),
  PRIMARY KEY (phone, month)
);
CREATE TABLE organizations (inn text PRIMARY KEY, name text NOT NULL, balance bigint NOT NULL DEFAULT 0);
CREATE TABLE sochi_ledger (
  id bigserial PRIMARY KEY,
  inn text NOT NULL REFERENCES organizations (inn),
  kind text NOT NULL,
  payment_id uuid UNIQUE,
  amount bigint NOT NULL,
  balance_after bigint NOT NULL,
  payer_phone text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE notifications (
  id bigserial PRIMARY KEY,
  phone text NOT NULL,
  payment_id uuid NOT NULL,
  text text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
`;

/** Wallets with 50 000.00 som each ($1 of them), numbered as the benchmark's workload numbers them. */
export const MONOLITH_WALLETS = `INSERT INTO wallets (phone, balance)
  SELECT (996700000000 + g)::text, 5000000 FROM generate_series(1, $1::int) g`;

/** $1 organizations, numbered as the benchmark's workload numbers them. */
export const MONOLITH_ORGANIZATIONS = `INSERT INTO organizations (inn, name)
  SELECT lpad((30000000000000 + g)::text, 14, '0'), 'Org ' || g FROM generate_series(1, $1::int) g`;
