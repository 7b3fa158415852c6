import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BrokerTap } from '../support/broker-tap.js';
import { eventually } from '../support/eventually.js';
import { MegaPayClient, type PaymentBody } from '../support/megapay-client.js';
import { PartnerCallbackReceiver } from '../support/partner-callback-receiver.js';
import { http } from '../support/service-harness.js';
import { RunningSystem } from '../support/system.js';

const INN = '01234567890123';
const RICH = '996555400001';
const POOR = '996555400002';

/**
 * How MegaPay learns that a payment is final without polling: the signed callback (from an outbox of its own, retried
 * until acknowledged) and the long-poll of GET /v1/payments/{id}?wait. Two instances of every service, so a callback
 * may be sent by either router and a long-poll may wait on the router that did not commit the final step.
 */
describe('the partner is told when a payment is final', () => {
  let system: RunningSystem;
  let api: MegaPayClient;
  let tap: BrokerTap;
  let receiver: PartnerCallbackReceiver;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    receiver = await PartnerCallbackReceiver.start();
    system = await RunningSystem.start({
      dbPrefix: 'dostek_callbacks_',
      basePort: 5500,
      instances: 2,
      env: {
        PARTNER_CALLBACK_URL: receiver.url,
        PARTNER_CALLBACK_BACKOFF_MS: '100',
        PARTNER_CALLBACK_BACKOFF_CAP_MS: '1000',
        PARTNER_CALLBACK_SWEEP_MS: '200',
      },
    });
    api = new MegaPayClient(system);
    await api.createWallet(RICH, '5000.00');
    await api.createWallet(POOR, '1.00');
    await api.registerOrganization(INN, 'ОсОО «Обратный звонок»');
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    await receiver?.close();
    await tap?.close();
  });

  async function pay(body: PaymentBody): Promise<string> {
    const res = await api.pay(body);
    expect(res.status).toBe(202);
    return res.body.id as string;
  }

  async function callbackRows(): Promise<{ payment_id: string; attempts: number; delivered: boolean }[]> {
    const db = await system.db('payment-router');
    return (
      await db.query(
        `SELECT payment_id, attempts, delivered_at IS NOT NULL AS delivered FROM partner_callbacks ORDER BY created_at`,
      )
    ).rows;
  }

  it('POSTs COMPLETED, REJECTED and REFUNDED, signed, with the payment id as Idempotency-Key', async () => {
    const completed = await pay({ phone: RICH, service: 'SOCHI', account: INN, amount: '15.00' });
    const rejected = await pay({ phone: POOR, service: 'SOCHI', account: INN, amount: '15.00' });
    const refunded = await pay({ phone: RICH, service: 'SOCHI', account: '99999999999999', amount: '10.00' });
    const [c, r, f] = await Promise.all([completed, rejected, refunded].map((id) => receiver.arrival(id)));
    expect(c!.body).toEqual({
      paymentId: completed,
      status: 'COMPLETED',
      service: 'SOCHI',
      account: INN,
      amount: '15.00',
      finalAt: expect.any(String),
    });
    expect(r!.body).toMatchObject({ paymentId: rejected, status: 'REJECTED', reason: 'INSUFFICIENT_FUNDS' });
    expect(f!.body).toMatchObject({ paymentId: refunded, status: 'REFUNDED', reason: 'UNKNOWN_INN', amount: '10.00' });
    for (const d of [c!, r!, f!]) expect(d.idempotencyKey).toBe(d.paymentId);
    // The callback tells what GET tells.
    for (const d of [c!, r!, f!]) expect((await api.payment(d.paymentId)).status).toBe(d.body.status);
    expect(receiver.refused).toBe(0);
    await eventually(async () => {
      const rows = (await callbackRows()).filter((row) => [completed, rejected, refunded].includes(row.payment_id));
      expect(rows).toHaveLength(3);
      expect(rows.every((row) => row.delivered)).toBe(true);
    });
  });

  it('retries while the partner is down and delivers once it is back, one row per payment', async () => {
    await receiver.down();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await pay({ phone: RICH, service: 'SOCHI', account: INN, amount: '1.00' }));
    for (const id of ids) await api.settled(id);
    // Each has failed at least once and waits for its next attempt.
    await eventually(async () => {
      const rows = (await callbackRows()).filter((row) => ids.includes(row.payment_id));
      expect(rows).toHaveLength(4);
      expect(rows.every((row) => !row.delivered && row.attempts >= 2)).toBe(true);
    }, 15_000);
    expect(ids.some((id) => receiver.first.has(id))).toBe(false);
    await receiver.up();
    await Promise.all(ids.map((id) => receiver.arrival(id)));
    await eventually(async () => {
      const rows = (await callbackRows()).filter((row) => ids.includes(row.payment_id));
      expect(rows).toHaveLength(4);
      expect(rows.every((row) => row.delivered)).toBe(true);
    });
  });

  it('delivers every callback with two routers: each payment once in the table, repeats with the same key', async () => {
    const ids = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        pay({ phone: RICH, service: 'SOCHI', account: i % 3 === 0 ? '99999999999999' : INN, amount: '2.00' }),
      ),
    );
    await Promise.all(ids.map((id) => receiver.arrival(id)));
    const rows = (await callbackRows()).filter((row) => ids.includes(row.payment_id));
    expect(new Set(rows.map((r) => r.payment_id)).size).toBe(12);
    expect(rows).toHaveLength(12);
    for (const d of receiver.deliveries.filter((x) => ids.includes(x.paymentId)))
      expect(d.idempotencyKey).toBe(d.paymentId);
  });

  it('answers a long-poll as soon as the payment is final, on either router', async () => {
    for (const instance of [0, 1]) {
      const id = await pay({ phone: RICH, service: 'SOCHI', account: INN, amount: '3.00' });
      const started = Date.now();
      const res = await http(system.url('payment-router', instance), 'GET', `/v1/payments/${id}?wait=10000`);
      const tookMs = Date.now() - started;
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, status: 'COMPLETED', stage: 'COMPLETED' });
      expect(res.body.steps.map((s: { stage: string }) => s.stage)).toEqual([
        'AWAITING_DEBIT',
        'AWAITING_PAYEE',
        'COMPLETED',
      ]);
      expect(tookMs).toBeLessThan(5_000);
    }
  });

  it('answers a long-poll with the current state when the wait is over', async () => {
    // The payees paused: the payment waits for its delivery longer than the long-poll.
    const payees = [0, 1].map((instance) => system.pid('sochi-balance', instance)!);
    for (const pid of payees) process.kill(pid, 'SIGSTOP');
    try {
      const id = await pay({ phone: RICH, service: 'SOCHI', account: INN, amount: '4.00' });
      const started = Date.now();
      const res = await http(system.url('payment-router'), 'GET', `/v1/payments/${id}?wait=600`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(550);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('PENDING');
    } finally {
      for (const pid of payees) process.kill(pid, 'SIGCONT');
    }
  });

  it.each(['10001', '-1', '1.5', 'soon'])('refuses wait=%s: 400, the field code INVALID_WAIT', async (wait) => {
    const res = await http(
      system.url('payment-router'),
      'GET',
      `/v1/payments/00000000-0000-4000-8000-000000000000?wait=${wait}`,
    );
    expect(res.status).toBe(400);
    expect(res.contentType).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'wait', code: 'INVALID_WAIT' }] });
  });
});
