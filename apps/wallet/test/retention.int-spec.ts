import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { RetentionJob } from '#platform';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { eventually } from '../../../test/support/eventually.js';
import { startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { paymentRequested, walletApi } from './wallet.fixtures.js';

const DAY_S = 86_400;

/**
 * The platform's retention job on the wallet's database (it has every kind of table the job looks after). The job's
 * timer is off: each test runs one pass. Database-stamped rows are aged relative to PostgreSQL's now(), the
 * service-dated ones against the service's set clock, so nothing depends on today's date.
 */
describe('retention: what each table forgets, and when (wallet)', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;
  let api: ReturnType<typeof walletApi>;
  let job: RetentionJob;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    svc = await startService('wallet', async () => (await import('../src/app.module.js')).AppModule, {
      RETENTION_ENABLED: 'false',
      RETENTION_BATCH_SIZE: '10',
      RETENTION_MAX_BATCHES: '3',
      OUTBOX_RETENTION_S: String(3 * DAY_S),
      INBOX_RETENTION_S: String(14 * DAY_S),
      INBOX_PARKED_MARGIN_S: String(DAY_S),
      PARKED_RETENTION_S: String(400 * DAY_S),
      NOTIFICATION_RETENTION_S: String(400 * DAY_S),
    });
    api = walletApi(svc);
    job = svc.app.get(RetentionJob);
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  beforeEach(async () => {
    svc.clock.set('2026-11-10T06:00:00Z');
    // Each test counts its own rows: start from empty bookkeeping tables.
    await svc.db.query(`DELETE FROM outbox WHERE published_at IS NOT NULL`);
    await svc.db.query(`DELETE FROM inbox`);
    await svc.db.query(`DELETE FROM parked_messages`);
  });
  afterEach(() => svc.clock.release());

  /** Outbox rows created and published `ageS` seconds ago by the database's clock (null: never published). */
  const outboxRows = (n: number, ageS: number, published = true) =>
    svc.db.query(
      `INSERT INTO outbox (message_id, type, version, routing_key, envelope, created_at, published_at, attempts, last_error)
       SELECT gen_random_uuid(), 'test.retention', 1, 'test.retention.v1', '{}', now() - make_interval(secs => $2), CASE WHEN $3 THEN now() - make_interval(secs => $2) END,
              CASE WHEN $3 THEN 0 ELSE 10 END, CASE WHEN $3 THEN NULL ELSE 'unroutable' END
         FROM generate_series(1, $1)`,
      [n, ageS, published],
    );
  const inboxRows = (n: number, ageS: number) =>
    svc.db.query(
      `INSERT INTO inbox (consumer, message_id, type, processed_at) SELECT 'wallet', gen_random_uuid(), 'test.retention', now() - make_interval(secs => $2) FROM generate_series(1, $1)`,
      [n, ageS],
    );
  const parkedRow = (status: string, storedAgeS: number, resolvedAt: string | null) =>
    svc.db.query(
      `INSERT INTO parked_messages (message_id, queue, code, reason, body, properties, headers, parked_at, stored_at, status, resolved_at, resolved_by)
       VALUES ($1, 'wallet.parking', 'TEST', 'a test', '\\x7b7d', '{}', '{}', now() - make_interval(secs => $2), now() - make_interval(secs => $2), $3, $4, $5)`,
      [randomUUID(), storedAgeS, status, resolvedAt, resolvedAt ? 'staff-1' : null],
    );
  const count = async (table: string, where = 'true') =>
    (await svc.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`)).rows[0].n as number;
  /** Passes until one deletes nothing more (each pass is bounded). */
  const drain = async () => {
    const total: Record<string, number> = {};
    for (;;) {
      const deleted = await job.runOnce();
      for (const [t, n] of Object.entries(deleted)) total[t] = (total[t] ?? 0) + n;
      if (Object.values(deleted).every((n) => n === 0)) return total;
    }
  };

  it('deletes published outbox rows past the grace period, in bounded batches; keeps young and unpublished ones', async () => {
    await outboxRows(45, 4 * DAY_S);
    await outboxRows(5, 2 * DAY_S);
    await outboxRows(2, 30 * DAY_S, false);
    // One pass takes at most RETENTION_MAX_BATCHES × RETENTION_BATCH_SIZE rows of a table.
    expect((await job.runOnce()).outbox).toBe(30);
    expect((await drain()).outbox).toBe(15);
    expect(await count('outbox', `type = 'test.retention' AND published_at IS NOT NULL`)).toBe(5);
    expect(await count('outbox', `type = 'test.retention' AND published_at IS NULL`)).toBe(2);
    await svc.db.query(`DELETE FROM outbox WHERE type = 'test.retention'`);
  });

  it('keeps inbox ids for the de-duplication window, and all of them since an open parked message was stored', async () => {
    await inboxRows(12, 15 * DAY_S);
    await inboxRows(7, 10 * DAY_S);
    await inboxRows(3, DAY_S);
    // A message parked 16 days ago and still open holds back every id processed since a day before it.
    await parkedRow('OPEN', 16 * DAY_S, null);
    expect((await drain()).inbox).toBe(0);
    expect(await count('inbox')).toBe(22);
    await svc.db.query(`UPDATE parked_messages SET status = 'DISCARDED', resolved_at = $1, resolved_by = 'staff-1'`, [
      '2026-11-09T00:00:00Z',
    ]);
    expect((await drain()).inbox).toBe(12);
    expect(await count('inbox')).toBe(10);
  });

  it('a message handled again within the window is still recognised after a retention pass: one debit', async () => {
    const phone = await api.funded('5.00');
    const debit = paymentRequested(phone, '100');
    await tap.publish(debit);
    await eventually(async () => expect(await api.balance(phone)).toBe('4.00'));
    await drain();
    await tap.publish(debit);
    await tap.publish(paymentRequested(phone, '50'));
    await eventually(async () => expect(await api.balance(phone)).toBe('3.50'));
    expect(await count('inbox', `message_id = '${debit.messageId}'`)).toBe(1);
  });

  it('deletes resolved parked messages a while after they were resolved (by the service clock); open ones stay', async () => {
    await parkedRow('REPUBLISHED', 500 * DAY_S, '2025-09-01T00:00:00Z');
    await parkedRow('DISCARDED', 500 * DAY_S, '2025-11-01T00:00:00Z');
    await parkedRow('OPEN', 500 * DAY_S, null);
    expect((await drain()).parked_messages).toBe(1);
    expect((await svc.db.query(`SELECT status FROM parked_messages ORDER BY id`)).rows.map((r) => r.status)).toEqual([
      'DISCARDED',
      'OPEN',
    ]);
  });

  it('deletes notifications after their window by the service clock; the ledger and the audit trail stay', async () => {
    const phone = await api.funded('1.00');
    for (const [key, at] of [
      ['old', '2025-09-30T00:00:00Z'],
      ['recent', '2025-10-30T00:00:00Z'],
    ]) {
      await svc.db.query(
        `INSERT INTO notifications (phone, kind, message, dedupe_key, created_at) VALUES ($1, 'PAYMENT_COMPLETED', 'test', $2, $3)`,
        [phone, `${phone}:${key}`, at],
      );
    }
    const ledger = await count('wallet_ledger');
    expect((await drain()).notifications).toBe(1);
    expect((await svc.db.query(`SELECT dedupe_key FROM notifications WHERE phone = $1`, [phone])).rows).toEqual([
      { dedupe_key: `${phone}:recent` },
    ]);
    expect(await count('wallet_ledger')).toBe(ledger);
    expect(job.rules.map((r) => r.table)).not.toContain('audit_trail');
  });

  it('runs on several instances at once: each row goes once, nobody waits or fails', async () => {
    await outboxRows(200, 4 * DAY_S);
    await inboxRows(200, 20 * DAY_S);
    const passes = await Promise.all(Array.from({ length: 4 }, () => job.runOnce()));
    const rest = await drain();
    expect(passes.reduce((n, p) => n + p.outbox, 0) + rest.outbox).toBe(200);
    expect(passes.reduce((n, p) => n + p.inbox, 0) + rest.inbox).toBe(200);
    expect(await count('outbox', `type = 'test.retention'`)).toBe(0);
  });
});
