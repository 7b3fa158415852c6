import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { eventually } from '../../../test/support/eventually.js';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { PaymentIntake } from '../src/persistence/payment-intake.js';

const PHONE = '996555000001';
const INN = '01234567890123';

describe('concurrent payment requests share one transaction (group commit)', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    svc = await startService('payment-router', async () => (await import('../src/app.module.js')).AppModule);
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  const pay = (amount: string, key: string = randomUUID()) =>
    http(
      svc.baseUrl,
      'POST',
      '/v1/payments',
      { phone: PHONE, service: 'SOCHI', account: INN, amount },
      {
        'Idempotency-Key': key,
      },
    );
  /** How many transactions wrote these payments: rows one transaction wrote share its id (xmin). */
  const transactionsOf = async (ids: string[]) =>
    (await svc.db.query(`SELECT count(DISTINCT xmin::text)::int AS n FROM payments WHERE id = ANY($1)`, [ids])).rows[0]
      .n as number;

  it('answers each request of a group on its own: new, replayed, reused key, bad input, a key twice', async () => {
    const replayedKey = randomUUID();
    const reusedKey = randomUUID();
    const earlier = await pay('1.00', replayedKey);
    expect((await pay('2.00', reusedKey)).status).toBe(202);
    const twiceKey = randomUUID();

    const fresh = Array.from({ length: 24 }, (_, i) => pay(`${10 + i}.00`));
    const [replayed, reused, bad, twiceA, twiceB, ...accepted] = await Promise.all([
      pay('1.00', replayedKey),
      pay('3.00', reusedKey),
      pay('1.001'),
      pay('5.00', twiceKey),
      pay('5.00', twiceKey),
      ...fresh,
    ]);

    expect(replayed.status).toBe(202);
    expect(replayed.body.id).toBe(earlier.body.id);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(bad.status).toBe(400);
    expect([twiceA.status, twiceB.status]).toEqual([202, 202]);
    expect(twiceA.body.id).toBe(twiceB.body.id);
    expect(accepted.map((r) => r.status)).toEqual(accepted.map(() => 202));

    const ids = [...accepted.map((r) => r.body.id as string), twiceA.body.id];
    expect(new Set(ids).size).toBe(25);
    // Fewer transactions than payments: requests that arrived while one committed went together in the next.
    expect(await transactionsOf(ids)).toBeLessThan(25);
    const { rows } = await svc.db.query(
      `SELECT count(*)::int AS n FROM payment_steps WHERE payment_id = ANY($1) AND stage = 'AWAITING_DEBIT'`,
      [ids],
    );
    expect(rows[0].n).toBe(25);
    // Each new payment's event, once.
    await eventually(() =>
      expect(
        ids.map((id) => tap.eventsOf('payment.requested').filter((e) => e.payload.paymentId === id).length),
      ).toEqual(ids.map(() => 1)),
    );
  });

  it('puts requests arriving while one commits in the next transaction: twenty at once, two', async () => {
    const handler = svc.app.get(PaymentIntake);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        handler.handle(randomUUID(), { phone: PHONE, service: 'SOCHI', account: INN, amount: 100n }),
      ),
    );
    const ids = results.map((r) => (r.kind === 'accepted' ? String(r.payment.id) : ''));
    expect(new Set(ids).size).toBe(20);
    // The first starts at once, alone (no timer when idle); the nineteen that came meanwhile share the next.
    expect(await transactionsOf(ids)).toBe(2);
  });

  it('falls back to a transaction per request when the group fails: only the failing request fails', async () => {
    const handler = svc.app.get(PaymentIntake);
    const request = (phone: string) => ({ phone, service: 'SOCHI' as const, account: INN, amount: 100n });
    // A NUL byte PostgreSQL refuses to store (22021): the whole group's INSERT fails with it.
    const results = await Promise.allSettled([
      handler.handle(randomUUID(), request(PHONE)),
      handler.handle(randomUUID(), request(PHONE)),
      handler.handle(randomUUID(), request('996555\u0000001')),
      handler.handle(randomUUID(), request(PHONE)),
      handler.handle(randomUUID(), request(PHONE)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    for (const r of results)
      if (r.status === 'fulfilled') expect(r.value).toMatchObject({ kind: 'accepted', replayed: false });
  });
});
