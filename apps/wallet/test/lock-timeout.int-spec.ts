import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { takeParked } from '../../../test/support/parked-store.js';
import { startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { TEST_NAMESPACE, TEST_POSTGRES_URL } from '../../../test/support/test-env.js';
import { debitFor, paymentRequested, walletApi } from './wallet.fixtures.js';

const LOCK_TIMEOUT_MS = 300;

describe('a debit that waits on a locked wallet (lock_timeout) against real PostgreSQL and RabbitMQ', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    svc = await startService('wallet', async () => (await import('../src/app.module.js')).AppModule, {
      DB_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS),
    });
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  it('gives up the wait at the lock timeout, is retried while the row stays locked, and debits once it is released', async () => {
    svc.clock.set('2026-11-10T06:00:00Z');
    const api = walletApi(svc);
    const phone = await api.funded('500.00');
    // The test's own admin connection holds the wallet's row; svc.db watches (a transaction would freeze its view of pg_stat_activity).
    const locker = new pg.Client({ connectionString: `${TEST_POSTGRES_URL}/dostek_it_${TEST_NAMESPACE}wallet` });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT balance FROM wallets WHERE phone = $1 FOR UPDATE', [phone]);
    const msg = paymentRequested(phone, '15000');
    await tap.publish(msg);

    // Each attempt is a transaction of the consumer's pool that waits on the lock until lock_timeout ends it.
    const waits = new Set<string>();
    const until = Date.now() + 1500;
    while (Date.now() < until) {
      const { rows } = await svc.db.query(`SELECT xact_start FROM pg_stat_activity
        WHERE datname = current_database() AND usename = 'dostek_wallet_app' AND wait_event_type = 'Lock'`);
      for (const r of rows) waits.add(r.xact_start.toISOString());
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(waits.size).toBeGreaterThanOrEqual(2);
    expect(await api.balance(phone)).toBe('500.00');

    await locker.query('ROLLBACK');
    await locker.end();
    const debited = await debitFor(tap, msg);
    expect(debited.payload).toMatchObject({ paymentId: msg.payload.paymentId, amount: '15000', payerPhone: phone });
    expect(await api.balance(phone)).toBe('350.00');
    expect(await takeParked(svc.db)).toEqual([]);
    svc.clock.release();
  });
});
