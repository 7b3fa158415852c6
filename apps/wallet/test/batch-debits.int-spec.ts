import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { takeParked, type Parked } from '../../../test/support/parked-store.js';
import { eventually } from '../../../test/support/eventually.js';
import { startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { TEST_NAMESPACE, TEST_POSTGRES_URL } from '../../../test/support/test-env.js';
import {
  consumed,
  debitFor,
  debitsOf,
  ecpPaymentRequested,
  eventFor,
  paymentRequested,
  walletApi,
  type PaymentRequest,
} from './wallet.fixtures.js';

const LOCK_TIMEOUT_MS = 400;

/**
 * The debit consumer applies what has been delivered as one batch, in one transaction. To make a batch, a first
 * message waits on a wallet the test holds locked: whatever is published meanwhile is buffered and goes as one batch
 * when the lock is let go. Rows one transaction wrote share their xmin, which shows what went together.
 */
describe('wallet debits applied in batches against real PostgreSQL and RabbitMQ', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;
  let api: ReturnType<typeof walletApi>;
  let locker: pg.Client;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    svc = await startService('wallet', async () => (await import('../src/app.module.js')).AppModule, {
      DB_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS),
    });
    api = walletApi(svc);
    locker = new pg.Client({ connectionString: `${TEST_POSTGRES_URL}/dostek_it_${TEST_NAMESPACE}wallet` });
    await locker.connect();
  });

  afterAll(async () => {
    await locker?.end();
    await svc?.close();
    await tap?.close();
  });

  // Mid-month and mid-day in Bishkek: the month's turnover cannot reset during a test, whenever it runs.
  beforeEach(() => {
    svc.clock.set('2026-11-10T06:00:00Z');
  });
  afterEach(() => svc.clock.release());

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const lock = async (phone: string) => {
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM wallets WHERE phone = $1 FOR UPDATE', [phone]);
  };
  const unlock = () => locker.query('ROLLBACK');

  /** Publishes `messages` while the consumer is busy with a first one, so that they are delivered as one batch. */
  const asOneBatch = async (messages: PaymentRequest[]) => {
    const blocked = await api.funded('1.00');
    await lock(blocked);
    const first = paymentRequested(blocked, '100');
    await tap.publish(first);
    await sleep(150); // the consumer waits on the lock with the first message by now
    for (const m of messages) await tap.publish(m);
    await sleep(100);
    await unlock();
    return first;
  };
  const decisionsOf = async (paymentIds: string[]) =>
    (
      await svc.db.query(
        `SELECT payment_id, outcome, reason, xmin::text AS tx FROM payment_decisions
         WHERE payment_id = ANY($1::uuid[])`,
        [paymentIds],
      )
    ).rows;
  const drainParked = async (n: number) => {
    const parked: Parked[] = [];
    await eventually(async () => {
      parked.push(...(await takeParked(svc.db)));
      expect(parked).toHaveLength(n);
    });
    return parked;
  };

  it('two payments of one wallet in a batch: the second sees the first debit and is rejected for funds', async () => {
    const phone = await api.funded('1.50');
    const other = await api.funded('5.00');
    // A СОЧИ and an ЭЦП debit in one transaction: each sent on to its own payee.
    const [a, b, c] = [
      paymentRequested(phone, '100'),
      paymentRequested(phone, '100'),
      ecpPaymentRequested(other, '200'),
    ];
    await asOneBatch([a, b, c]);
    expect((await eventFor(tap, 'sochi.top-up-requested', a.payload.paymentId)).payload).toMatchObject({
      payerPhone: phone,
      amount: '100',
    });
    const rejected = await eventFor(tap, 'wallet.payment-rejected', b.payload.paymentId);
    expect(rejected.payload).toMatchObject({ reason: 'INSUFFICIENT_FUNDS', phone });
    expect((await eventFor(tap, 'ecp.invoice-payment-requested', c.payload.paymentId)).payload).toMatchObject({
      payerPhone: other,
      amount: '200',
    });
    const decisions = await decisionsOf([a, b, c].map((m) => m.payload.paymentId));
    expect(new Set(decisions.map((d) => d.tx)).size).toBe(1); // one transaction
    expect(await api.balance(phone)).toBe('0.50');
    expect(await api.balance(other)).toBe('3.00');
    await consumed(
      svc,
      tap,
      [a, b, c].map((m) => m.messageId),
    );
  });

  it('a duplicate inside a batch and across batches is applied once', async () => {
    const phone = await api.funded('10.00');
    const a = paymentRequested(phone, '100');
    const b = paymentRequested(phone, '200');
    await asOneBatch([a, b, a]);
    await debitFor(tap, b);
    await consumed(svc, tap, [a.messageId, b.messageId]);
    await asOneBatch([a, b]); // the same messages again, in a later batch
    await sleep(500);
    await consumed(svc, tap, [a.messageId, b.messageId]);
    expect(await api.balance(phone)).toBe('7.00');
    expect(debitsOf(tap, [a.payload.paymentId, b.payload.paymentId])).toHaveLength(2);
    expect(await decisionsOf([a.payload.paymentId, b.payload.paymentId])).toHaveLength(2);
  });

  it('a poison message in a batch: only it parks, the rest are applied', async () => {
    const [x, y, z] = [await api.funded('5.00'), await api.funded('5.00'), await api.funded('5.00')];
    const ok1 = paymentRequested(x, '100');
    // Valid by the contract, refused by the wallet (nothing to debit): the batch fails as a whole, then only this
    // message is parked.
    const poison = ecpPaymentRequested(y, '0');
    const ok2 = ecpPaymentRequested(z, '100');
    await asOneBatch([ok1, poison, ok2]);
    await debitFor(tap, ok1);
    await debitFor(tap, ok2);
    const [parked] = await drainParked(1);
    expect(parked).toMatchObject({ messageId: poison.messageId, code: 'INVALID_AMOUNT' });
    expect(await decisionsOf([poison.payload.paymentId])).toEqual([]);
    // Applied again one at a time: each in its own transaction.
    const applied = await decisionsOf([ok1.payload.paymentId, ok2.payload.paymentId]);
    expect(new Set(applied.map((d) => d.tx)).size).toBe(2);
    expect(debitsOf(tap, [poison.payload.paymentId])).toHaveLength(0);
    expect(await api.balance(y)).toBe('5.00');
    expect(await api.balance(x)).toBe('4.00');
    expect(await api.balance(z)).toBe('4.00');
  });

  it('a batch that hits a lock timeout falls back to one at a time: the others go through, the locked one later', async () => {
    const [held, free1, free2] = [await api.funded('5.00'), await api.funded('5.00'), await api.funded('5.00')];
    const blocked = paymentRequested(held, '100');
    const p1 = paymentRequested(free1, '100');
    const p2 = paymentRequested(free2, '100');
    const first = await asOneBatch([]); // warms the path; nothing else buffered
    await debitFor(tap, first);
    await lock(held);
    try {
      const other = await api.funded('1.00');
      // A first message holds the consumer (its wallet is free), the batch behind it meets the held wallet.
      for (const m of [paymentRequested(other, '100'), blocked, p1, p2]) await tap.publish(m);
      await debitFor(tap, p1);
      await debitFor(tap, p2);
      expect(await api.balance(held)).toBe('5.00');
    } finally {
      await unlock();
    }
    await debitFor(tap, blocked);
    expect(await api.balance(held)).toBe('4.00');
    expect(await takeParked(svc.db)).toEqual([]);
  });
});
