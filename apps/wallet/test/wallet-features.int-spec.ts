import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  PaymentCompletedV1,
  PaymentRefundedV1,
  PaymentRejectedV1,
  type EventDefinition,
  type PayloadOf,
} from '#contracts';
import { buildEnvelope } from '#messaging';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { takeParked } from '../../../test/support/parked-store.js';
import { eventually } from '../../../test/support/eventually.js';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { bishkekWallClock } from '#money';
import { AutopaymentScheduler } from '../src/run-autopayments/autopayment-scheduler.js';
import { RunAutopaymentsHandler } from '../src/run-autopayments/run-autopayments.handler.js';
import { consumed, debitFor, ecpPaymentRequested, newPhone, paymentRequested, walletApi } from './wallet.fixtures.js';

const INN = '01234567890123';
const INVOICE = '4000000000000002';
const HOUR = 3_600_000;
/** The instant the clock-sensitive tests run at: Tuesday 10 November 2026, 12:00 Bishkek, mid-month and mid-week. */
const T0 = new Date('2026-11-10T06:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('wallet favorites, autopayments, history and notifications against real PostgreSQL and RabbitMQ', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;
  let api: ReturnType<typeof walletApi>;
  let scheduler: AutopaymentScheduler;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    // The timer stays out of the way: the tests tick the scheduler at the instants they choose.
    svc = await startService('wallet', async () => (await import('../src/app.module.js')).AppModule, {
      AUTOPAYMENT_TICK_MS: '3600000',
      AUTOPAYMENT_MAX_FAILURES: '3',
    });
    api = walletApi(svc);
    scheduler = svc.app.get(AutopaymentScheduler);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  const call = (method: string, path: string, body?: unknown) => http(svc.baseUrl, method, path, body);
  const setNow = (instant: Date) => svc.clock.set(instant);
  const expectProblem = (res: { status: number; body: any }, status: number, code: string, fieldCode?: string) => {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    if (fieldCode) expect(res.body.errors.map((e: { code: string }) => e.code)).toContain(fieldCode);
  };
  async function saveFavorite(phone: string, body: Record<string, unknown>) {
    const res = await call('POST', `/v1/wallets/${phone}/favorites`, body);
    expect(res.status).toBe(201);
    return res.body;
  }
  async function setUpAutopayment(phone: string, body: Record<string, unknown>) {
    const res = await call('POST', `/v1/wallets/${phone}/autopayments`, body);
    expect(res.status).toBe(201);
    return res.body;
  }
  const autopayment = async (phone: string, id: string) =>
    (await call('GET', `/v1/wallets/${phone}/autopayments/${id}`)).body;
  const notifications = async (phone: string, query = '') =>
    (await call('GET', `/v1/wallets/${phone}/notifications${query}`)).body.items as any[];
  const dueEvents = (autopaymentId: string) =>
    tap.eventsOf('wallet.autopayment-due').filter((e) => e.payload.autopaymentId === autopaymentId);
  /** The router's final word on a payment, as the tap plays the router. */
  const outcome = <D extends EventDefinition>(def: D, payload: PayloadOf<D>) =>
    tap.publish(buildEnvelope(def, payload, 'payment-router', { correlationId: randomUUID() }));
  const runOutcome = (
    due: any,
    paymentId: string | null,
    kind: 'completed' | 'rejected',
    reason = 'INSUFFICIENT_FUNDS',
  ) => {
    const base = {
      paymentId,
      autopaymentRunId: due.payload.runId,
      phone: due.payload.phone,
      service: due.payload.service,
      account: due.payload.account,
    };
    return kind === 'completed'
      ? outcome(PaymentCompletedV1, {
          ...base,
          paymentId: paymentId!,
          amount: due.payload.amount ?? '100',
          completedAt: new Date().toISOString(),
        })
      : outcome(PaymentRejectedV1, {
          ...base,
          amount: due.payload.amount,
          reason,
          rejectedAt: new Date().toISOString(),
        });
  };

  describe('favorites', () => {
    it('saves a favorite from the payment screen; lists, renames and deletes it', async () => {
      const phone = await api.funded('10.00');
      const saved = await saveFavorite(phone, {
        name: 'Налоги ОсОО',
        service: 'SOCHI',
        account: INN,
        amount: '150.00',
      });
      expect(saved).toEqual({
        id: expect.any(String),
        phone,
        name: 'Налоги ОсОО',
        service: 'SOCHI',
        account: INN,
        amount: '150.00',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const ecp = await saveFavorite(phone, { name: 'ЭЦП', service: 'ECP', account: INVOICE });
      expect(ecp.amount).toBeNull();
      expect((await call('GET', `/v1/wallets/${phone}/favorites`)).body.items.map((f: any) => f.name)).toEqual([
        'Налоги ОсОО',
        'ЭЦП',
      ]);
      const renamed = await call('PATCH', `/v1/wallets/${phone}/favorites/${saved.id}`, {
        name: 'Налоги',
        amount: '200',
      });
      expect(renamed.body).toMatchObject({ name: 'Налоги', amount: '200.00', account: INN });
      expect(
        (await call('PATCH', `/v1/wallets/${phone}/favorites/${saved.id}`, { amount: null })).body.amount,
      ).toBeNull();
      expect((await call('DELETE', `/v1/wallets/${phone}/favorites/${ecp.id}`)).status).toBe(204);
      expectProblem(await call('GET', `/v1/wallets/${phone}/favorites/${ecp.id}`), 404, 'FAVORITE_NOT_FOUND');
      // Another wallet cannot read or delete it.
      const other = await api.funded('1.00');
      expectProblem(await call('DELETE', `/v1/wallets/${other}/favorites/${saved.id}`), 404, 'FAVORITE_NOT_FOUND');
      expect((await call('GET', `/v1/wallets/${phone}/favorites`)).body.items).toHaveLength(1);
    });

    it.each([
      [{ name: 'x', service: 'SOCHI', account: '0123456789012' }, 'INVALID_INN'],
      [{ name: 'x', service: 'ECP', account: INN }, 'INVALID_INVOICE_NUMBER'],
      [{ name: 'x', service: 'SOCHI', account: INN, amount: '1.001' }, 'INVALID_AMOUNT'],
      [{ name: 'x', service: 'SOCHI', account: INN, amount: 150 }, 'INVALID_AMOUNT'],
      [{ name: 'x', account: INN }, 'INVALID_SERVICE'],
      [{ name: '', service: 'SOCHI', account: INN }, 'INVALID_NAME'],
      [{ name: 'x', fromPaymentId: randomUUID(), amount: '1.00' }, 'INVALID_FROM_PAYMENT_ID'],
    ])('refuses %j with 400 %s and saves nothing', async (body, code) => {
      const phone = await api.funded('1.00');
      expectProblem(await call('POST', `/v1/wallets/${phone}/favorites`, body), 400, 'VALIDATION_FAILED', code);
      expect((await call('GET', `/v1/wallets/${phone}/favorites`)).body.items).toEqual([]);
    });

    it("saves a past payment of this wallet with its service, account and amount, and no one else's", async () => {
      const phone = await api.funded('500.00');
      const paid = paymentRequested(phone, '15000');
      await tap.publish(paid);
      await debitFor(tap, paid);
      const saved = await saveFavorite(phone, { name: 'Как в прошлый раз', fromPaymentId: paid.payload.paymentId });
      expect(saved).toMatchObject({ service: 'SOCHI', account: INN, amount: '150.00' });
      const other = await api.funded('1.00');
      expectProblem(
        await call('POST', `/v1/wallets/${other}/favorites`, { name: 'x', fromPaymentId: paid.payload.paymentId }),
        404,
        'PAYMENT_NOT_FOUND',
      );
      expectProblem(
        await call('POST', `/v1/wallets/${newPhone()}/favorites`, { name: 'x', service: 'SOCHI', account: INN }),
        404,
        'WALLET_NOT_FOUND',
      );
    });

    it('keeps a favorite a live autopayment pays, until the autopayment is cancelled', async () => {
      const phone = await api.funded('1.00');
      const fav = await saveFavorite(phone, { name: 'Налоги', service: 'SOCHI', account: INN, amount: '1.00' });
      const ap = await setUpAutopayment(phone, {
        favoriteId: fav.id,
        schedule: { kind: 'MONTHLY', dayOfMonth: 10, time: '09:00' },
      });
      const refused = await call('DELETE', `/v1/wallets/${phone}/favorites/${fav.id}`);
      expectProblem(refused, 409, 'FAVORITE_IN_USE');
      expect(refused.body.autopaymentIds).toEqual([ap.id]);
      expect((await call('DELETE', `/v1/wallets/${phone}/autopayments/${ap.id}`)).body.status).toBe('CANCELLED');
      expect((await call('DELETE', `/v1/wallets/${phone}/favorites/${fav.id}`)).status).toBe(204);
      expect(await autopayment(phone, ap.id)).toMatchObject({
        status: 'CANCELLED',
        favoriteId: null,
        account: INN,
        amount: '1.00',
      });
    });
  });

  describe('autopayments', () => {
    beforeEach(() => {
      setNow(T0);
    });

    it('refuses days 29–31, a СОЧИ autopayment without an amount, and a start in the past', async () => {
      const phone = await api.funded('1.00');
      const fav = await saveFavorite(phone, { name: 'Налоги', service: 'SOCHI', account: INN });
      const post = (body: Record<string, unknown>) =>
        call('POST', `/v1/wallets/${phone}/autopayments`, { favoriteId: fav.id, amount: '5.00', ...body });
      expectProblem(
        await post({ schedule: { kind: 'MONTHLY', dayOfMonth: 31, time: '09:00' } }),
        400,
        'VALIDATION_FAILED',
        'INVALID_DAY_OF_MONTH',
      );
      expectProblem(
        await post({ schedule: { kind: 'MONTHLY', dayOfMonth: 5, time: '9:00' } }),
        400,
        'VALIDATION_FAILED',
        'INVALID_TIME',
      );
      expectProblem(
        await post({ schedule: { kind: 'WEEKLY', weekday: 'FUNDAY', time: '09:00' } }),
        400,
        'VALIDATION_FAILED',
        'INVALID_WEEKDAY',
      );
      const noAmount = await call('POST', `/v1/wallets/${phone}/autopayments`, {
        favoriteId: fav.id,
        schedule: { kind: 'WEEKLY', weekday: 'MONDAY', time: '09:00' },
      });
      expectProblem(noAmount, 400, 'VALIDATION_FAILED', 'AMOUNT_REQUIRED');
      const past = at(-HOUR).toISOString();
      expectProblem(
        await post({ schedule: { kind: 'WEEKLY', weekday: 'MONDAY', time: '09:00' }, startAt: past }),
        400,
        'VALIDATION_FAILED',
        'INVALID_START_AT',
      );
      expectProblem(
        await post({ favoriteId: randomUUID(), schedule: { kind: 'WEEKLY', weekday: 'MONDAY', time: '09:00' } }),
        404,
        'FAVORITE_NOT_FOUND',
      );
      expect((await call('GET', `/v1/wallets/${phone}/autopayments`)).body.items).toEqual([]);
    });

    it('shows the next run of a monthly autopayment on its day and Bishkek time', async () => {
      const phone = await api.funded('1.00');
      const fav = await saveFavorite(phone, { name: 'Налоги', service: 'SOCHI', account: INN, amount: '5.00' });
      setNow(new Date('2026-11-26T06:00:00Z'));
      const ap = await setUpAutopayment(phone, {
        favoriteId: fav.id,
        schedule: { kind: 'MONTHLY', dayOfMonth: 5, time: '09:30' },
      });
      expect(ap).toMatchObject({
        status: 'ACTIVE',
        amount: '5.00',
        schedule: { kind: 'MONTHLY', dayOfMonth: 5, time: '09:30', timeZone: 'Asia/Bishkek' },
        nextRunAt: '2026-12-05T03:30:00.000Z',
        nextPeriod: '2026-12',
        runs: [],
      });
      await call('DELETE', `/v1/wallets/${phone}/autopayments/${ap.id}`);
    });

    it('starts a run due now exactly once, however many scheduler passes race for it', async () => {
      const phone = await api.funded('100.00');
      const fav = await saveFavorite(phone, { name: 'Налоги', service: 'SOCHI', account: INN, amount: '25.00' });
      const ap = await setUpAutopayment(phone, {
        favoriteId: fav.id,
        schedule: { kind: 'MONTHLY', dayOfMonth: 1, time: '00:00' },
        startAt: T0.toISOString(),
      });
      const handler = svc.app.get(RunAutopaymentsHandler);
      const started = await Promise.all(Array.from({ length: 8 }, () => handler.startDueRuns(at(1000))));
      expect(started.reduce((a, b) => a + b, 0)).toBe(1);
      await scheduler.run(at(2000));
      await svc.flushOutbox();
      const [due] = await eventually(() => {
        expect(dueEvents(ap.id)).toHaveLength(1);
        return dueEvents(ap.id);
      });
      expect(due.payload).toEqual({
        runId: expect.any(String),
        autopaymentId: ap.id,
        phone,
        service: 'SOCHI',
        account: INN,
        amount: '2500',
        scheduledFor: ap.nextRunAt,
      });
      expect(due.correlationId).toBe(due.payload.runId);
      const shown = await autopayment(phone, ap.id);
      expect(shown.runs).toEqual([
        expect.objectContaining({ id: due.payload.runId, status: 'PENDING', amount: '25.00', period: ap.nextPeriod }),
      ]);
      // The next run is the schedule's next one in a later month, not again this month.
      expect(shown.nextPeriod > ap.nextPeriod).toBe(true);
      expect(new Date(shown.nextRunAt).toISOString()).toMatch(/T18:00:00.000Z$/);

      await runOutcome(due, randomUUID(), 'completed');
      await eventually(async () =>
        expect((await autopayment(phone, ap.id)).runs[0]).toMatchObject({
          status: 'COMPLETED',
          reason: null,
          finishedAt: expect.any(String),
        }),
      );
      const [notice] = await notifications(phone);
      expect(notice).toMatchObject({ kind: 'PAYMENT_COMPLETED', autopaymentId: ap.id, amount: '25.00' });
      expect(notice.message).toContain('Автоплатеж «Налоги»');
      await eventually(() =>
        expect(
          tap.eventsOf('wallet.notification-raised').filter((e) => e.payload.autopaymentId === ap.id),
        ).toHaveLength(1),
      );
      await call('DELETE', `/v1/wallets/${phone}/autopayments/${ap.id}`);
    });

    it('records each failed run with its reason and notice, pauses after 3 in a row, and resumes', async () => {
      const phone = await api.funded('1.00');
      const fav = await saveFavorite(phone, { name: 'Налоги', service: 'SOCHI', account: INN, amount: '500.00' });
      const t0 = T0;
      let ap = await setUpAutopayment(phone, {
        favoriteId: fav.id,
        schedule: { kind: 'WEEKLY', weekday: 'MONDAY', time: '10:00' },
        startAt: t0.toISOString(),
      });
      for (let n = 1; n <= 3; n++) {
        const at = new Date(Math.max(Date.parse(ap.nextRunAt), t0.getTime()) + 1000);
        await scheduler.run(at);
        await svc.flushOutbox();
        const due = await eventually(() => {
          expect(dueEvents(ap.id)).toHaveLength(n);
          return dueEvents(ap.id)[n - 1];
        });
        await runOutcome(due, randomUUID(), 'rejected');
        await eventually(async () =>
          expect((await autopayment(phone, ap.id)).runs[0]).toMatchObject({
            id: due.payload.runId,
            status: 'FAILED',
            reason: 'INSUFFICIENT_FUNDS',
          }),
        );
        ap = await autopayment(phone, ap.id);
        expect(ap.consecutiveFailures).toBe(n);
        expect(ap.status).toBe(n < 3 ? 'ACTIVE' : 'PAUSED');
      }
      expect(ap.runs.map((r: any) => r.period)).toEqual([...new Set(ap.runs.map((r: any) => r.period))]);
      expect(ap.nextRunAt).toBeNull();
      const failures = await notifications(phone, '?kind=AUTOPAYMENT_FAILED');
      expect(failures).toHaveLength(3);
      expect(failures[0].message).toContain('приостановлен после 3');
      expect(failures[1].message).not.toContain('приостановлен');
      // Paused: a month of ticks starts nothing.
      await scheduler.run(at(40 * 24 * HOUR));
      await svc.flushOutbox();
      expect(dueEvents(ap.id)).toHaveLength(3);

      const resumedAt = at(40 * 24 * HOUR);
      setNow(resumedAt);
      const resumed = (await call('POST', `/v1/wallets/${phone}/autopayments/${ap.id}/resume`)).body;
      expect(resumed).toMatchObject({ status: 'ACTIVE', consecutiveFailures: 0 });
      expect(Date.parse(resumed.nextRunAt)).toBeGreaterThan(resumedAt.getTime());
      expect(resumed.nextPeriod > ap.runs[0].period).toBe(true);
      await call('DELETE', `/v1/wallets/${phone}/autopayments/${ap.id}`);
      expectProblem(
        await call('POST', `/v1/wallets/${phone}/autopayments/${ap.id}/resume`),
        409,
        'AUTOPAYMENT_CANCELLED',
      );
    });

    it('raises one reminder within a day before a run, and none after it', async () => {
      const phone = await api.funded('1.00');
      const fav = await saveFavorite(phone, { name: 'Налоги', service: 'SOCHI', account: INN, amount: '3.00' });
      const ap = await setUpAutopayment(phone, {
        favoriteId: fav.id,
        schedule: { kind: 'WEEKLY', weekday: 'FRIDAY', time: '09:00' },
      });
      const runAt = Date.parse(ap.nextRunAt);
      const reminders = async () =>
        (await notifications(phone, '?kind=AUTOPAYMENT_REMINDER')).filter((n) => n.autopaymentId === ap.id);
      expect(new Date(runAt)).toEqual(new Date('2026-11-13T03:00:00Z'));
      await scheduler.run(new Date(runAt - 25 * HOUR));
      expect(await reminders()).toHaveLength(0);
      await scheduler.run(new Date(runAt - 23 * HOUR));
      await scheduler.run(new Date(runAt - 2 * HOUR));
      const [reminder, ...more] = await reminders();
      expect(more).toEqual([]);
      const { date, time } = bishkekWallClock(new Date(runAt));
      expect(time).toBe('09:00');
      expect(reminder.message).toBe(
        `Напоминание: ${date.split('-').reverse().join('.')} в 09:00 автоплатеж «Налоги»: 3.00 сом (СОЧИ, ИНН ${INN}).`,
      );
      await svc.flushOutbox();
      await eventually(() =>
        expect(
          tap
            .eventsOf('wallet.notification-raised')
            .filter((e) => e.payload.autopaymentId === ap.id && e.payload.kind === 'AUTOPAYMENT_REMINDER'),
        ).toHaveLength(1),
      );
      await scheduler.run(new Date(runAt + 1000));
      expect(await reminders()).toHaveLength(1);
      expect((await autopayment(phone, ap.id)).runs).toHaveLength(1);
      await call('DELETE', `/v1/wallets/${phone}/autopayments/${ap.id}`);
    });

    it("leaves the amount of an ЭЦП autopayment without one to the router (the invoice's amount due)", async () => {
      const phone = await api.funded('1.00');
      const fav = await saveFavorite(phone, { name: 'ЭЦП', service: 'ECP', account: INVOICE });
      const ap = await setUpAutopayment(phone, {
        favoriteId: fav.id,
        schedule: { kind: 'MONTHLY', dayOfMonth: 28, time: '23:59' },
        startAt: T0.toISOString(),
      });
      expect(ap.amount).toBeNull();
      await scheduler.run(at(1000));
      await svc.flushOutbox();
      const due = await eventually(() => {
        expect(dueEvents(ap.id)).toHaveLength(1);
        return dueEvents(ap.id)[0];
      });
      expect(due.payload).toMatchObject({ service: 'ECP', account: INVOICE, amount: null });
      // Nothing was due: the router ends the run without a payment.
      await runOutcome(due, null, 'rejected', 'INVOICE_ALREADY_PAID');
      await eventually(async () =>
        expect((await autopayment(phone, ap.id)).runs[0]).toMatchObject({
          status: 'FAILED',
          reason: 'INVOICE_ALREADY_PAID',
          paymentId: null,
        }),
      );
      expect((await notifications(phone))[0].message).toContain('счет на оплату уже оплачен');
      await call('DELETE', `/v1/wallets/${phone}/autopayments/${ap.id}`);
    });
  });

  describe('notifications of ordinary payments', () => {
    it('tells the subscriber once how a payment ended, and nobody when the phone has no wallet', async () => {
      await takeParked(svc.db);
      const phone = await api.funded('1.00');
      const paymentId = randomUUID();
      const refunded = {
        paymentId,
        autopaymentRunId: null,
        phone,
        service: 'SOCHI' as const,
        account: '99999999999999',
        amount: '1000',
        reason: 'UNKNOWN_INN',
      };
      const first = buildEnvelope(
        PaymentRefundedV1,
        { ...refunded, refundedAt: new Date().toISOString() },
        'payment-router',
        { correlationId: paymentId },
      );
      const again = buildEnvelope(
        PaymentRefundedV1,
        { ...refunded, refundedAt: new Date().toISOString() },
        'payment-router',
        { correlationId: paymentId },
      );
      const stranger = buildEnvelope(
        PaymentRejectedV1,
        {
          paymentId: randomUUID(),
          autopaymentRunId: null,
          phone: newPhone(),
          service: 'SOCHI',
          account: INN,
          amount: '100',
          reason: 'WALLET_NOT_FOUND',
          rejectedAt: new Date().toISOString(),
        },
        'payment-router',
        { correlationId: paymentId },
      );
      for (const m of [first, first, again, stranger]) await tap.publish(m);
      await consumed(svc, tap, [first.messageId, again.messageId, stranger.messageId]);
      const items = await notifications(phone);
      expect(items).toEqual([
        {
          id: expect.any(String),
          kind: 'PAYMENT_REFUNDED',
          message:
            'Платеж 10.00 сом (СОЧИ, ИНН 99999999999999) не принят получателем: организация или ИП с таким ИНН не найдены в системе СОЧИ. Деньги возвращены на кошелек.',
          amount: '10.00',
          paymentId,
          autopaymentId: null,
          createdAt: expect.any(String),
        },
      ]);
      expect(tap.eventsOf('wallet.notification-raised').filter((e) => e.payload.paymentId === paymentId)).toHaveLength(
        1,
      );
      expect(await takeParked(svc.db)).toEqual([]);
    });
  });

  describe('history', () => {
    it('filters the history by Bishkek days, service and kind, each entry with the balance after it', async () => {
      setNow(T0);
      const phone = await api.funded('500.00');
      const sochi = paymentRequested(phone, '15000');
      const ecp = ecpPaymentRequested(phone, '2000');
      const ecpId = ecp.payload.paymentId;
      await tap.publish(sochi);
      await debitFor(tap, sochi);
      await tap.publish(ecp);
      await debitFor(tap, ecp);
      const ops = async (query: string) => (await api.operations(phone, query)).body;
      const today = bishkekWallClock(T0).date;
      expect((await ops('')).items.map((o: any) => [o.kind, o.amount, o.balanceAfter])).toEqual([
        ['DEBIT', '-20.00', '330.00'],
        ['DEBIT', '-150.00', '350.00'],
        ['TOP_UP', '500.00', '500.00'],
      ]);
      expect((await ops('?kind=DEBIT')).items).toHaveLength(2);
      expect((await ops('?kind=TOP_UP,REFUND')).items.map((o: any) => o.kind)).toEqual(['TOP_UP']);
      expect((await ops('?service=ECP')).items).toEqual([
        expect.objectContaining({ paymentId: ecpId, account: INVOICE }),
      ]);
      expect((await ops(`?from=${today}&to=${today}`)).items).toHaveLength(3);
      expect((await ops('?from=2020-01-01&to=2020-12-31')).items).toEqual([]);
      expect((await ops(`?from=${today}&limit=1`)).nextBefore).not.toBeNull();
      expectProblem(await api.operations(phone, '?from=2026-02-30'), 400, 'VALIDATION_FAILED', 'INVALID_DATE');
      expectProblem(
        await api.operations(phone, '?from=2026-02-03&to=2026-02-01'),
        400,
        'VALIDATION_FAILED',
        'INVALID_PERIOD',
      );
      expectProblem(await api.operations(phone, '?kind=GIFT'), 400, 'VALIDATION_FAILED');
    });
  });
});
