import type { MigrationInterface, QueryRunner } from 'typeorm';

const ACCOUNT_FITS_SERVICE = `CHECK (CASE service WHEN 'SOCHI' THEN account ~ '^[0-9]{14}$' ELSE account ~ '^[0-9]{16}$' END)`;

export class FavoritesAutopaymentsNotifications1764892800000 implements MigrationInterface {
  name = 'FavoritesAutopaymentsNotifications1764892800000';

  async up(q: QueryRunner): Promise<void> {
    // A payment saved as a template; the amount is optional (the subscriber types it when paying).
    await q.query(`CREATE TABLE favorites (
      id uuid PRIMARY KEY,
      phone text NOT NULL REFERENCES wallets(phone),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      service text NOT NULL CHECK (service IN ('SOCHI', 'ECP')),
      account text NOT NULL,
      amount bigint CHECK (amount > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      ${ACCOUNT_FITS_SERVICE}
    )`);
    await q.query(`CREATE INDEX favorites_by_phone ON favorites (phone, created_at, id)`);
    // A favorite paid on a schedule. service/account/amount are copied from the favorite, so that renaming or
    // deleting the favorite later never changes what an autopayment pays. A null amount (ЭЦП only) is the amount due.
    await q.query(`CREATE TABLE autopayments (
      id uuid PRIMARY KEY,
      phone text NOT NULL REFERENCES wallets(phone),
      favorite_id uuid REFERENCES favorites(id) ON DELETE SET NULL,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      service text NOT NULL CHECK (service IN ('SOCHI', 'ECP')),
      account text NOT NULL,
      amount bigint CHECK (amount > 0),
      schedule_kind text NOT NULL CHECK (schedule_kind IN ('MONTHLY', 'WEEKLY')),
      day_of_month smallint CHECK (day_of_month BETWEEN 1 AND 28),
      weekday text CHECK (weekday IN ('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY')),
      minute_of_day smallint NOT NULL CHECK (minute_of_day BETWEEN 0 AND 1439),
      status text NOT NULL CHECK (status IN ('ACTIVE', 'PAUSED', 'CANCELLED')),
      consecutive_failures integer NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
      next_run_at timestamptz NOT NULL,
      next_period text NOT NULL,
      reminded_period text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      ${ACCOUNT_FITS_SERVICE},
      CHECK (service = 'ECP' OR amount IS NOT NULL),
      CHECK (CASE schedule_kind WHEN 'MONTHLY' THEN day_of_month IS NOT NULL AND weekday IS NULL ELSE weekday IS NOT NULL AND day_of_month IS NULL END)
    )`);
    await q.query(`CREATE INDEX autopayments_due ON autopayments (next_run_at) WHERE status = 'ACTIVE'`);
    await q.query(`CREATE INDEX autopayments_by_phone ON autopayments (phone, created_at, id)`);
    // One run per autopayment and period, inserted with its wallet.autopayment-due event in one transaction: a second
    // scheduler instance, a retry or a restart can never start the same run twice.
    await q.query(`CREATE TABLE autopayment_runs (
      id uuid PRIMARY KEY,
      autopayment_id uuid NOT NULL REFERENCES autopayments(id),
      period text NOT NULL,
      scheduled_for timestamptz NOT NULL,
      started_at timestamptz NOT NULL,
      service text NOT NULL,
      account text NOT NULL,
      amount bigint CHECK (amount > 0),
      status text NOT NULL CHECK (status IN ('PENDING', 'COMPLETED', 'FAILED')),
      reason text,
      payment_id uuid,
      finished_at timestamptz,
      UNIQUE (autopayment_id, period),
      CHECK ((status = 'PENDING') = (finished_at IS NULL)),
      CHECK ((status = 'FAILED') = (reason IS NOT NULL))
    )`);
    await q.query(`CREATE INDEX autopayment_runs_by_autopayment ON autopayment_runs (autopayment_id, started_at DESC)`);
    // What the subscriber was told; dedupe_key makes each notice once (a payment's outcome, a run's reminder).
    await q.query(`CREATE TABLE notifications (
      id bigserial PRIMARY KEY,
      phone text NOT NULL REFERENCES wallets(phone),
      kind text NOT NULL CHECK (kind IN ('PAYMENT_COMPLETED', 'PAYMENT_REFUNDED', 'PAYMENT_REJECTED', 'AUTOPAYMENT_REMINDER', 'AUTOPAYMENT_FAILED')),
      message text NOT NULL,
      amount bigint,
      payment_id uuid,
      autopayment_id uuid,
      dedupe_key text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX notifications_by_phone ON notifications (phone, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE notifications');
    await q.query('DROP TABLE autopayment_runs');
    await q.query('DROP TABLE autopayments');
    await q.query('DROP TABLE favorites');
  }
}
