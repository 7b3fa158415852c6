import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PaymentStuckV1, SochiTopUpCreditedV1, SochiTopUpRequestedV1, type Envelope } from '#contracts';
import { buildEnvelope } from '#messaging';
import { NoticeStuckPaymentsHandler } from '../src/notice-stuck-payments/notice-stuck-payments.handler.js';
import { NoticeStuckPaymentsJob } from '../src/notice-stuck-payments/notice-stuck-payments.job.js';
import { PAYMENT_ROUTER_CONFIG } from '../src/payment-router.config.js';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { eventually } from '../../../test/support/eventually.js';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';

const PHONE = '996555000001';
const INN = '01234567890123';
const INVOICE = '4000000000000002';

/** A payment whose payee never answers is noticed once, PAYMENT_STUCK_AFTER_S after its request and not before. */
describe('stuck payments, against real PostgreSQL and RabbitMQ', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;
  let job: NoticeStuckPaymentsJob;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    // The sweep is run by the test with the clock set; the timer would run only after an hour.
    svc = await startService('payment-router', async () => (await import('../src/app.module.js')).AppModule, {
      PAYMENT_STUCK_AFTER_S: '600',
      PAYMENT_STUCK_SWEEP_MS: '3600000',
    });
    job = svc.app.get(NoticeStuckPaymentsJob);
  });

  afterAll(async () => {
    svc?.clock.release();
    await svc?.close();
    await tap?.close();
  });

  const published = (type: string, paymentId: string) =>
    eventually(() => {
      const e = tap.eventsOf(type).find((x) => x.payload.paymentId === paymentId);
      expect(e).toBeDefined();
      return e as Envelope<any>;
    });
  async function requestedPayment(service: 'SOCHI' | 'ECP', amount: string) {
    const res = await http(
      svc.baseUrl,
      'POST',
      '/v1/payments',
      { phone: PHONE, service, account: service === 'SOCHI' ? INN : INVOICE, amount },
      { 'Idempotency-Key': randomUUID() },
    );
    expect(res.status).toBe(202);
    return { id: res.body.id as string, requested: await published('payment.requested', res.body.id) };
  }
  /**
   * A payment as a release before the routing slip left it: debited at `debitedAt`, sent to its payee by the router,
   * and waiting AWAITING_PAYEE for the payee's answer (the one stage in which the router knows whom it awaits).
   */
  async function leftAwaitingPayee(service: 'SOCHI' | 'ECP', amount: string, debitedAt: string) {
    const { id } = await requestedPayment(service, amount);
    await svc.db.query(`UPDATE payments SET stage = 'AWAITING_PAYEE' WHERE id = $1`, [id]);
    await svc.db.query(`INSERT INTO payment_steps (payment_id, stage, at) VALUES ($1, 'AWAITING_PAYEE', $2)`, [
      id,
      debitedAt,
    ]);
    return { id };
  }
  /** A СОЧИ payment the wallet debited and sent to sochi-balance itself (routing slip), which credits it. */
  async function creditedPayment(amount: string): Promise<{ id: string }> {
    const { id, requested } = await requestedPayment('SOCHI', amount);
    const topUp = buildEnvelope(
      SochiTopUpRequestedV1,
      {
        paymentId: id,
        inn: INN,
        amount: requested.payload.amount,
        payerPhone: PHONE,
        requestedAt: svc.clock.now().toISOString(),
      },
      'wallet',
      requested,
    );
    await tap.publish(
      buildEnvelope(
        SochiTopUpCreditedV1,
        { paymentId: id, inn: INN, amount: requested.payload.amount, creditedAt: svc.clock.now().toISOString() },
        'sochi-balance',
        topUp,
      ),
    );
    return { id };
  }
  const stuckEvents = async (paymentId: string) =>
    (
      await svc.db.query(
        `SELECT envelope FROM outbox WHERE routing_key = $1 AND envelope->'payload'->>'paymentId' = $2`,
        [PaymentStuckV1.routingKey, paymentId],
      )
    ).rows.map((r) => r.envelope as Envelope<any>);

  it('notices a payment nobody answers once, after the configured time and not before, with an event and a warning', async () => {
    svc.clock.set('2026-11-30T10:00:00Z');
    // The wallet sends a debited payment on to its payee itself: the router hears nothing until the payee answers, and
    // the payment rests AWAITING_DEBIT, waiting for the wallet as far as the router can tell.
    const waiting = await requestedPayment('ECP', '25.00');
    const completed = await creditedPayment('30.00');
    await eventually(async () =>
      expect((await http(svc.baseUrl, 'GET', `/v1/payments/${completed.id}`)).body.status).toBe('COMPLETED'),
    );
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      svc.clock.set('2026-11-30T10:09:59.999Z');
      expect(await job.run()).toEqual([]);
      expect(await stuckEvents(waiting.id)).toEqual([]);

      svc.clock.set('2026-11-30T10:10:00Z');
      const noticed = await job.run();
      expect(noticed.map((p) => p.paymentId)).toEqual([waiting.id]);
      const [event] = await stuckEvents(waiting.id);
      expect(event).toMatchObject({
        type: 'payment.stuck',
        version: 1,
        producer: 'payment-router',
        correlationId: waiting.id,
      });
      expect(event!.payload).toEqual({
        paymentId: waiting.id,
        phone: PHONE,
        service: 'ECP',
        account: INVOICE,
        amount: '2500',
        stage: 'AWAITING_DEBIT',
        waitingFor: 'wallet',
        stageSince: '2026-11-30T10:00:00.000Z',
        requestedAt: '2026-11-30T10:00:00.000Z',
        noticedAt: '2026-11-30T10:10:00.000Z',
      });
      expect(PaymentStuckV1.schema.safeParse(event!.payload).success).toBe(true);
      const { rows } = await svc.db.query(`SELECT stage, stuck_noticed_at FROM payments WHERE id = $1`, [waiting.id]);
      expect(rows[0]).toEqual({ stage: 'AWAITING_DEBIT', stuck_noticed_at: new Date('2026-11-30T10:10:00Z') });
      const lines = warn.mock.calls.map(([message]) => String(message)).filter((m) => m.includes(waiting.id));
      expect(lines).toEqual([expect.stringMatching(/^payment \S+ stuck: AWAITING_DEBIT \(waiting for wallet\)/)]);

      // Once: later sweeps find nothing new, and a completed payment is never stuck.
      svc.clock.advance(24 * 3600 * 1000);
      expect(await job.run()).toEqual([]);
      expect(await stuckEvents(waiting.id)).toHaveLength(1);
      expect(await stuckEvents(completed.id)).toEqual([]);
      expect(warn.mock.calls.filter(([m]) => String(m).includes(waiting.id))).toHaveLength(1);
    } finally {
      warn.mockRestore();
    }
    // The event leaves through the outbox like any other, though nothing consumes it yet.
    await svc.flushOutbox();
    await published('payment.stuck', waiting.id);
  });

  it('names the payee as the one awaited for a payment a release before the slip left awaiting its answer', async () => {
    svc.clock.set('2026-11-30T12:00:00Z');
    const toEcp = await leftAwaitingPayee('ECP', '15.10', '2026-11-30T12:00:01Z');
    const toSochi = await leftAwaitingPayee('SOCHI', '1.50', '2026-11-30T12:00:02Z');
    svc.clock.set('2026-11-30T12:10:00Z');
    const noticed = await job.run();
    expect(noticed.map((p) => [p.paymentId, p.stage, p.waitingFor, p.stageSince]).sort()).toEqual(
      [
        [toEcp.id, 'AWAITING_PAYEE', 'ecp-invoicing', '2026-11-30T12:00:01.000Z'],
        [toSochi.id, 'AWAITING_PAYEE', 'sochi-balance', '2026-11-30T12:00:02.000Z'],
      ].sort(),
    );
    const [event] = await stuckEvents(toEcp.id);
    expect(event!.payload).toMatchObject({ account: INVOICE, amount: '1510', requestedAt: '2026-11-30T12:00:00.000Z' });
    expect(PaymentStuckV1.schema.safeParse(event!.payload).success).toBe(true);
  });

  it('lets two instances sweep at once without noticing a payment twice', async () => {
    svc.clock.set('2026-12-01T08:00:00Z');
    const ids = await Promise.all([
      requestedPayment('ECP', '1.00').then((p) => p.id),
      requestedPayment('SOCHI', '2.00').then((p) => p.id),
      requestedPayment('SOCHI', '3.00').then((p) => p.id),
    ]);
    svc.clock.set('2026-12-01T08:10:00Z');
    const other = new NoticeStuckPaymentsJob(
      svc.app.get(NoticeStuckPaymentsHandler),
      svc.app.get(PAYMENT_ROUTER_CONFIG),
      svc.clock,
    );
    const [a, b] = await Promise.all([job.run(), other.run()]);
    expect([...a, ...b].map((p) => p.paymentId).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(await stuckEvents(id)).toHaveLength(1);
  });
});
