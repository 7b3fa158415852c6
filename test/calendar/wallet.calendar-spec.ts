import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { PaymentRefundRequestedV1 } from '#contracts';
import { buildEnvelope } from '#messaging';
import { somToTyiyn } from '#money';
import { BrokerTap } from '../support/broker-tap.js';
import { eventually } from '../support/eventually.js';
import { http, startService, type ServiceUnderTest } from '../support/service-harness.js';
import { debitsOf, eventFor, paymentRequested, walletApi } from '../../apps/wallet/test/wallet.fixtures.js';
import { AutopaymentScheduler } from '../../apps/wallet/src/run-autopayments/autopayment-scheduler.js';
import { bishkek, MONTH_EDGES } from './bishkek.js';

const INN = '01234567890123';

/**
 * The wallet on the calendar's edges, with its clock set: the Bishkek month a debit counts in and the monthly limit
 * that comes back with the new month; a refund across midnight; weekly runs across Sunday → Monday and the ISO year;
 * monthly runs and their one reminder the day before.
 */
describe('the wallet on month, week and day edges (Asia/Bishkek)', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;
  let api: ReturnType<typeof walletApi>;
  let scheduler: AutopaymentScheduler;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    // A small limit keeps the amounts readable; the scheduler ticks only when a test says so.
    svc = await startService('wallet', async () => (await import('../../apps/wallet/src/app.module.js')).AppModule, {
      WALLET_MONTHLY_LIMIT: '100.00',
      AUTOPAYMENT_TICK_MS: '3600000',
    });
    api = walletApi(svc);
    scheduler = svc.app.get(AutopaymentScheduler);
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  beforeEach(() => svc.clock.release());

  const call = (method: string, path: string, body?: unknown) => http(svc.baseUrl, method, path, body);
  const screen = async (phone: string) => (await api.get(phone)).body;
  /**
   * Publishes a СОЧИ payment request as the router would and waits for the wallet's answer: its top-up request to
   * sochi-balance (the debit, stamped with the debit's instant) or its rejection.
   */
  async function pay(phone: string, som: string, requestedAt?: Date) {
    const msg = paymentRequested(phone, somToTyiyn(som).toString(), randomUUID(), requestedAt);
    await tap.publish(msg);
    const answer = await eventually(() => {
      const [e] = [
        ...debitsOf(tap, [msg.payload.paymentId]),
        ...tap.eventsOf('wallet.payment-rejected').filter((x) => x.payload.paymentId === msg.payload.paymentId),
      ];
      expect(e).toBeDefined();
      return e;
    });
    return answer;
  }
  const turnoverOf = async (phone: string) =>
    Object.fromEntries(
      (
        await svc.db.query(`SELECT month, amount::text FROM wallet_month_turnover WHERE phone = $1 ORDER BY month`, [
          phone,
        ])
      ).rows.map((r) => [r.month, r.amount]),
    );
  const day = async (phone: string, date: string) =>
    (await api.operations(phone, `?from=${date}&to=${date}`)).body.items.map((o: any) => `${o.kind} ${o.amount}`);

  describe.each(MONTH_EDGES)('$lastDay → $firstDay', ({ lastDay, firstDay, oldMonth, newMonth }) => {
    it('counts a debit at 23:59:30 in the old month and one at 00:00:30 in the new, where the whole limit is available again', async () => {
      svc.clock.set(bishkek(`${lastDay} 12:00:00`));
      const phone = await api.funded('500.00');

      svc.clock.set(bishkek(`${lastDay} 23:59:30`));
      expect((await pay(phone, '80.00')).type).toBe('sochi.top-up-requested');
      expect(await screen(phone)).toMatchObject({
        month: oldMonth,
        monthTurnover: '80.00',
        availableThisMonth: '20.00',
      });
      const refused = await pay(phone, '30.00');
      expect(refused.payload).toMatchObject({ reason: 'MONTHLY_LIMIT_EXCEEDED' });

      svc.clock.set(bishkek(`${firstDay} 00:00:30`));
      expect(await screen(phone)).toMatchObject({
        month: newMonth,
        monthTurnover: '0.00',
        monthLimit: '100.00',
        availableThisMonth: '100.00',
      });
      const debited = await pay(phone, '30.00');
      expect(debited.type).toBe('sochi.top-up-requested');
      expect(debited.payload.requestedAt).toBe(bishkek(`${firstDay} 00:00:30`).toISOString());
      expect(await screen(phone)).toMatchObject({
        month: newMonth,
        balance: '390.00',
        monthTurnover: '30.00',
        availableThisMonth: '70.00',
      });
      expect(await turnoverOf(phone)).toEqual({ [oldMonth]: '8000', [newMonth]: '3000' });
      // The history's Bishkek days cut at Bishkek midnight, not UTC's.
      expect(await day(phone, lastDay)).toEqual(['DEBIT -80.00', 'TOP_UP 500.00']);
      expect(await day(phone, firstDay)).toEqual(['DEBIT -30.00']);
    });

    it('counts a payment requested at 23:59:59 and debited at 00:00:01 in the month of its debit', async () => {
      svc.clock.set(bishkek(`${lastDay} 23:00:00`));
      const phone = await api.funded('500.00');
      await pay(phone, '90.00');
      svc.clock.set(bishkek(`${firstDay} 00:00:01`));
      const late = await pay(phone, '60.00', bishkek(`${lastDay} 23:59:59`));
      // The old month had 10.00 left; the debit's month had all of it.
      expect(late.type).toBe('sochi.top-up-requested');
      // The top-up is requested at the debit's instant, not the payment's.
      expect(late.payload.requestedAt).toBe(bishkek(`${firstDay} 00:00:01`).toISOString());
      expect(await turnoverOf(phone)).toEqual({ [oldMonth]: '9000', [newMonth]: '6000' });
    });

    it('takes a refund after midnight out of the month the payment was debited in', async () => {
      svc.clock.set(bishkek(`${lastDay} 23:59:30`));
      const phone = await api.funded('500.00');
      const debited = await pay(phone, '70.00');
      svc.clock.set(bishkek(`${firstDay} 00:00:30`));
      await pay(phone, '20.00');
      const { paymentId } = debited.payload;
      await tap.publish(
        buildEnvelope(
          PaymentRefundRequestedV1,
          { paymentId, phone, amount: '7000', reason: 'UNKNOWN_INN', requestedAt: new Date().toISOString() },
          'payment-router',
          {
            correlationId: paymentId,
          },
        ),
      );
      await eventFor(tap, 'wallet.payment-refunded', paymentId);
      expect(await turnoverOf(phone)).toEqual({ [oldMonth]: '0', [newMonth]: '2000' });
      expect(await screen(phone)).toMatchObject({
        month: newMonth,
        balance: '480.00',
        monthTurnover: '20.00',
        availableThisMonth: '80.00',
      });
      expect(await day(phone, firstDay)).toEqual(['REFUND 70.00', 'DEBIT -20.00']);
    });
  });

  describe('autopayments', () => {
    const dueOf = (id: string) => tap.eventsOf('wallet.autopayment-due').filter((e) => e.payload.autopaymentId === id);
    const reminders = async (phone: string, id: string) =>
      (await call('GET', `/v1/wallets/${phone}/notifications?kind=AUTOPAYMENT_REMINDER`)).body.items.filter(
        (n: any) => n.autopaymentId === id,
      );
    const shown = async (phone: string, id: string) =>
      (await call('GET', `/v1/wallets/${phone}/autopayments/${id}`)).body;
    async function setUp(phone: string, schedule: Record<string, unknown>) {
      const fav = await call('POST', `/v1/wallets/${phone}/favorites`, {
        name: 'Налоги',
        service: 'SOCHI',
        account: INN,
        amount: '5.00',
      });
      const ap = await call('POST', `/v1/wallets/${phone}/autopayments`, { favoriteId: fav.body.id, schedule });
      expect(ap.status).toBe(201);
      return ap.body;
    }
    /** One scheduler pass at a Bishkek time, with what it published on the broker. */
    async function tickAt(wallClock: string) {
      svc.clock.set(bishkek(wallClock));
      await scheduler.run();
      await svc.flushOutbox();
    }

    it.each([
      { sunday: '2026-11-29', monday: '2026-11-30', week: '2026-W49', nextMonday: '2026-12-07', nextWeek: '2026-W50' },
      // 2026 has 53 ISO weeks: Sunday 3 January 2027 is in 2026-W53, Monday 4 January starts 2027-W01.
      { sunday: '2027-01-03', monday: '2027-01-04', week: '2027-W01', nextMonday: '2027-01-11', nextWeek: '2027-W02' },
    ])(
      'runs a weekly Monday 00:00 autopayment at Bishkek midnight of $sunday → $monday, in ISO week $week',
      async ({ sunday, monday, week, nextMonday, nextWeek }) => {
        svc.clock.set(bishkek(`${sunday} 12:00:00`));
        const phone = await api.funded('50.00');
        const ap = await setUp(phone, { kind: 'WEEKLY', weekday: 'MONDAY', time: '00:00' });
        expect(ap).toMatchObject({ nextRunAt: bishkek(`${monday} 00:00:00`).toISOString(), nextPeriod: week });

        await tickAt(`${sunday} 23:59:30`);
        expect((await shown(phone, ap.id)).runs).toEqual([]);
        expect(await reminders(phone, ap.id)).toHaveLength(1);

        await tickAt(`${monday} 00:00:30`);
        await tickAt(`${monday} 00:00:40`);
        await eventually(() => expect(dueOf(ap.id)).toHaveLength(1));
        expect(dueOf(ap.id)[0].payload.scheduledFor).toBe(bishkek(`${monday} 00:00:00`).toISOString());
        const after = await shown(phone, ap.id);
        expect(after.runs.map((r: any) => r.period)).toEqual([week]);
        expect(after).toMatchObject({
          nextRunAt: bishkek(`${nextMonday} 00:00:00`).toISOString(),
          nextPeriod: nextWeek,
        });
        expect(await reminders(phone, ap.id)).toHaveLength(1);
        await call('DELETE', `/v1/wallets/${phone}/autopayments/${ap.id}`);
      },
    );

    it.each(MONTH_EDGES)(
      'reminds once the day before a monthly run on the 1st at 09:00 ($firstDay), then runs it once',
      async ({ lastDay, firstDay, newMonth }) => {
        svc.clock.set(bishkek(`${lastDay} 08:00:00`));
        const phone = await api.funded('50.00');
        const ap = await setUp(phone, { kind: 'MONTHLY', dayOfMonth: 1, time: '09:00' });
        expect(ap).toMatchObject({ nextRunAt: bishkek(`${firstDay} 09:00:00`).toISOString(), nextPeriod: newMonth });

        await tickAt(`${lastDay} 08:59:30`);
        expect(await reminders(phone, ap.id)).toHaveLength(0);
        await tickAt(`${lastDay} 09:00:30`);
        await tickAt(`${lastDay} 23:59:30`);
        await tickAt(`${firstDay} 00:00:30`);
        const [reminder, ...more] = await reminders(phone, ap.id);
        expect(more).toEqual([]);
        expect(reminder.message).toContain(`${firstDay.split('-').reverse().join('.')} в 09:00`);
        expect((await shown(phone, ap.id)).runs).toEqual([]);

        await tickAt(`${firstDay} 09:00:30`);
        await eventually(() => expect(dueOf(ap.id)).toHaveLength(1));
        expect((await shown(phone, ap.id)).runs.map((r: any) => r.period)).toEqual([newMonth]);
        expect(await reminders(phone, ap.id)).toHaveLength(1);
        await call('DELETE', `/v1/wallets/${phone}/autopayments/${ap.id}`);
      },
    );

    it.each(MONTH_EDGES)(
      'runs a monthly autopayment of the 1st at 00:00 at Bishkek midnight ($lastDay → $firstDay)',
      async ({ lastDay, firstDay, newMonth }) => {
        svc.clock.set(bishkek(`${lastDay} 12:00:00`));
        const phone = await api.funded('50.00');
        const ap = await setUp(phone, { kind: 'MONTHLY', dayOfMonth: 1, time: '00:00' });
        await tickAt(`${lastDay} 23:59:30`);
        expect((await shown(phone, ap.id)).runs).toEqual([]);
        await tickAt(`${firstDay} 00:00:30`);
        await eventually(() => expect(dueOf(ap.id)).toHaveLength(1));
        expect((await shown(phone, ap.id)).runs.map((r: any) => r.period)).toEqual([newMonth]);
        await call('DELETE', `/v1/wallets/${phone}/autopayments/${ap.id}`);
      },
    );
  });
});
