import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { bishkekWallClock, somToTyiyn } from '#money';
import { BrokerTap } from '../support/broker-tap.js';
import { eventually } from '../support/eventually.js';
import { MegaPayClient } from '../support/megapay-client.js';
import { auditMoney, expectMessagingSettled, type Ledgers } from '../support/money-audit.js';
import { http } from '../support/service-harness.js';
import { RunningSystem, type ServiceName } from '../support/system.js';

const INN = '01234567890123';
const REPORTS_INN = '01234567890124';

/**
 * Favorites, autopayments, notifications and СОЧИ report charges end to end: two processes of every service, driven
 * over HTTP. Autopayments are made due "now" with `startAt`; later runs are brought forward by restarting the wallets
 * with CLOCK_OFFSET_MS, so no test waits for real days.
 */
describe('the wallet and СОЧИ as people use them, end to end', () => {
  let system: RunningSystem;
  let api: MegaPayClient;
  let tap: BrokerTap;
  let calls = 0;
  const ledgers: Ledgers = { wallets: [], organizations: [INN, REPORTS_INN], invoices: [], toppedUp: 0n };

  const call = (
    service: ServiceName,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => http(system.url(service, calls++ % system.instances), method, path, body, headers);

  async function wallet(phone: string, som: string): Promise<string> {
    await api.createWallet(phone, som);
    ledgers.wallets.push(phone);
    ledgers.toppedUp += somToTyiyn(som);
    return phone;
  }
  async function favorite(phone: string, body: Record<string, unknown>) {
    const res = await call('wallet', 'POST', `/v1/wallets/${phone}/favorites`, body);
    expect(res.status).toBe(201);
    return res.body;
  }
  async function autopayment(phone: string, body: Record<string, unknown>) {
    const res = await call('wallet', 'POST', `/v1/wallets/${phone}/autopayments`, body);
    expect(res.status).toBe(201);
    return res.body;
  }
  const shown = async (phone: string, id: string) =>
    (await call('wallet', 'GET', `/v1/wallets/${phone}/autopayments/${id}`)).body;
  const cancel = (phone: string, id: string) => call('wallet', 'DELETE', `/v1/wallets/${phone}/autopayments/${id}`);
  const notifications = async (phone: string, query = '') =>
    (await call('wallet', 'GET', `/v1/wallets/${phone}/notifications${query}`)).body.items as any[];
  /** Waits until the autopayment has `n` runs and none is pending. */
  const runsSettled = (phone: string, id: string, n: number, timeoutMs = 30_000) =>
    eventually(
      async () => {
        const ap = await shown(phone, id);
        expect(ap.runs).toHaveLength(n);
        expect(ap.runs.map((r: { status: string }) => r.status)).not.toContain('PENDING');
        return ap;
      },
      timeoutMs,
      100,
    );
  const debitsOf = async (phone: string) => (await api.operations(phone)).filter((o) => o.kind === 'DEBIT');
  async function autopaymentPayments(phone: string): Promise<number> {
    const { rows } = await (
      await system.db('payment-router')
    ).query(`SELECT count(*)::int AS n FROM payments WHERE phone = $1 AND idempotency_key LIKE 'autopayment:%'`, [
      phone,
    ]);
    return rows[0].n;
  }
  async function restartWallets(env: Record<string, string | undefined> = {}) {
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    for (let i = 0; i < system.instances; i++) {
      await system.kill('wallet', 'SIGKILL', i);
      await system.startService('wallet', i);
    }
  }

  beforeAll(async () => {
    delete process.env.CLOCK_OFFSET_MS;
    tap = await BrokerTap.open();
    // Small connection pools: eight processes share one PostgreSQL with other test runs.
    const env = { AUTOPAYMENT_TICK_MS: '200', DB_POOL_MAX: '4', OUTBOX_RELAY_CONCURRENCY: '1' };
    system = await RunningSystem.start({ dbPrefix: 'dostek_feat_', basePort: 4500, instances: 2, env });
    api = new MegaPayClient(system);
    await api.registerOrganization(INN, 'ОсОО «Избранное»');
    await api.registerOrganization(REPORTS_INN, 'ОсОО «Отчеты»');
  }, 180_000);

  afterAll(async () => {
    delete process.env.CLOCK_OFFSET_MS;
    await system?.stop();
    await tap?.close();
  });

  it('keeps favorites across a kill -9 of every wallet instance', async () => {
    const phone = await wallet('996555600001', '500.00');
    const paid = await api.payAndSettle({ phone, service: 'SOCHI', account: INN, amount: '12.00' });
    const typed = await favorite(phone, { name: 'Налоги ОсОО', service: 'SOCHI', account: INN, amount: '150.00' });
    const fromPayment = await favorite(phone, { name: 'Как в прошлый раз', fromPaymentId: paid.id });
    expect(fromPayment).toMatchObject({ service: 'SOCHI', account: INN, amount: '12.00' });
    const before = (await call('wallet', 'GET', `/v1/wallets/${phone}/favorites`)).body.items;
    expect(before.map((f: { id: string }) => f.id)).toEqual([typed.id, fromPayment.id]);
    await restartWallets();
    for (let i = 0; i < system.instances; i++) {
      expect((await http(system.url('wallet', i), 'GET', `/v1/wallets/${phone}/favorites`)).body.items).toEqual(before);
    }
  });

  it('pays from a favorite through the same flow, once per Idempotency-Key, and notifies the subscriber', async () => {
    const phone = await wallet('996555600002', '300.00');
    const fav = await favorite(phone, { name: 'Налоги', service: 'SOCHI', account: INN, amount: '120.00' });
    const before = somToTyiyn((await api.organization(INN)).balance);
    const key = randomUUID();
    const first = await call(
      'payment-router',
      'POST',
      '/v1/payments/from-favorite',
      { phone, favoriteId: fav.id },
      { 'Idempotency-Key': key },
    );
    expect(first.status).toBe(202);
    const again = await call(
      'payment-router',
      'POST',
      '/v1/payments/from-favorite',
      { phone, favoriteId: fav.id },
      { 'Idempotency-Key': key },
    );
    expect(again.body.id).toBe(first.body.id);
    expect(await api.settled(first.body.id)).toMatchObject({ status: 'COMPLETED', amount: '120.00', account: INN });
    expect(somToTyiyn((await api.organization(INN)).balance) - before).toBe(12_000n);
    expect((await api.wallet(phone)).balance).toBe('180.00');
    expect(await debitsOf(phone)).toHaveLength(1);
    await eventually(async () =>
      expect((await notifications(phone))[0]).toMatchObject({
        kind: 'PAYMENT_COMPLETED',
        paymentId: first.body.id,
        amount: '120.00',
      }),
    );
  });

  it('runs autopayments due now exactly once each, with two wallet instances ticking every 200 ms', async () => {
    const phones = await Promise.all([1, 2, 3, 4, 5].map((i) => wallet(`99655560010${i}`, '100.00')));
    const aps = await Promise.all(
      phones.map(async (phone) => {
        const fav = await favorite(phone, {
          name: 'СОЧИ каждый месяц',
          service: 'SOCHI',
          account: INN,
          amount: '40.00',
        });
        return autopayment(phone, {
          favoriteId: fav.id,
          schedule: { kind: 'MONTHLY', dayOfMonth: 1, time: '09:00' },
          startAt: system.now().toISOString(),
        });
      }),
    );
    for (const [i, ap] of aps.entries()) {
      const done = await runsSettled(phones[i], ap.id, 1);
      expect(done.runs[0]).toMatchObject({ status: 'COMPLETED', amount: '40.00', paymentId: expect.any(String) });
      expect(Date.parse(done.nextRunAt)).toBeGreaterThan(system.now().getTime());
    }
    // Many more ticks of both instances: still one run, one payment and one debit each.
    await new Promise((r) => setTimeout(r, 2000));
    for (const [i, ap] of aps.entries()) {
      expect((await shown(phones[i], ap.id)).runs).toHaveLength(1);
      expect(await autopaymentPayments(phones[i])).toBe(1);
      expect(await debitsOf(phones[i])).toHaveLength(1);
      expect((await api.wallet(phones[i])).balance).toBe('60.00');
      await cancel(phones[i], ap.id);
    }
  });

  it('does not repeat a run when the wallets are killed while it is under way', async () => {
    const phone = await wallet('996555600201', '100.00');
    const fav = await favorite(phone, { name: 'Налоги', service: 'SOCHI', account: INN, amount: '33.00' });
    // With the routers down the run can start but not finish: it is under way when the wallets die.
    for (let i = 0; i < system.instances; i++) await system.kill('payment-router', 'SIGKILL', i);
    const ap = await autopayment(phone, {
      favoriteId: fav.id,
      schedule: { kind: 'WEEKLY', weekday: 'MONDAY', time: '09:00' },
      startAt: system.now().toISOString(),
    });
    await eventually(async () =>
      expect((await shown(phone, ap.id)).runs).toEqual([expect.objectContaining({ status: 'PENDING' })]),
    );
    await restartWallets();
    await new Promise((r) => setTimeout(r, 1000));
    for (let i = 0; i < system.instances; i++) await system.startService('payment-router', i);
    const done = await runsSettled(phone, ap.id, 1);
    expect(done.runs[0]).toMatchObject({ status: 'COMPLETED', amount: '33.00' });
    await new Promise((r) => setTimeout(r, 1000));
    expect((await shown(phone, ap.id)).runs).toHaveLength(1);
    expect(await autopaymentPayments(phone)).toBe(1);
    expect(await debitsOf(phone)).toHaveLength(1);
    expect((await api.wallet(phone)).balance).toBe('67.00');
    await cancel(phone, ap.id);
  });

  it("pays an ЭЦП invoice's amount due by autopayment when the favorite has no amount", async () => {
    const phone = await wallet('996555600301', '2000.00');
    const invoice = await api.registerClient('DIRECTOR_CLOUD');
    expect(invoice.amount).toBe('1510.00');
    ledgers.invoices.push(invoice.number);
    const fav = await favorite(phone, { name: 'ЭЦП', service: 'ECP', account: invoice.number });
    const ap = await autopayment(phone, {
      favoriteId: fav.id,
      schedule: { kind: 'MONTHLY', dayOfMonth: 28, time: '12:00' },
      startAt: system.now().toISOString(),
    });
    const done = await runsSettled(phone, ap.id, 1);
    expect(done.runs[0]).toMatchObject({ status: 'COMPLETED', amount: '1510.00' });
    await eventually(async () => expect((await api.invoice(invoice.number)).status).not.toBe('ISSUED'));
    await cancel(phone, ap.id);
  });

  it('releases exactly the waiting reports concurrent top-ups cover, oldest first, and states the period', async () => {
    const prices = ['700.00', '300.00', '1200.00', '100.00', '900.00', '400.00', '2500.00', '50.00'];
    const reportIds = prices.map((_, i) => `E2E-${i}`);
    for (const [i, price] of prices.entries()) {
      const res = await call('sochi-balance', 'POST', `/v1/sochi/organizations/${REPORTS_INN}/charges`, {
        reportId: reportIds[i],
        description: `Отчет №${i}`,
        price,
      });
      expect(res.body.status).toBe('AWAITING_PAYMENT');
    }
    const payers = await Promise.all([1, 2, 3, 4].map((i) => wallet(`99655560040${i}`, '3000.00')));
    const amounts = ['400.00', '650.00', '900.00', '120.00', '1000.00', '333.00', '210.00', '777.00'];
    const accepted = await Promise.all(
      amounts.map((amount, i) =>
        api.pay({ phone: payers[i % payers.length], service: 'SOCHI', account: REPORTS_INN, amount }),
      ),
    );
    const settled = await Promise.all(accepted.map((a) => api.settled(a.body.id, 60_000)));
    expect(settled.every((p) => p.status === 'COMPLETED')).toBe(true);

    const charges = (await call('sochi-balance', 'GET', `/v1/sochi/organizations/${REPORTS_INN}/charges`)).body
      .items as any[];
    const paid = charges.filter((c) => c.status === 'PAID').map((c) => c.reportId);
    const credited = amounts.reduce((s, a) => s + somToTyiyn(a), 0n);
    const paidSum = prices.slice(0, paid.length).reduce((s, p) => s + somToTyiyn(p), 0n);
    const balance = somToTyiyn((await api.organization(REPORTS_INN)).balance);
    expect(paid).toEqual(reportIds.slice(0, paid.length));
    expect(paid.length).toBeGreaterThan(0);
    expect(balance).toBe(credited - paidSum);
    if (paid.length < prices.length) expect(balance < somToTyiyn(prices[paid.length])).toBe(true);
    await eventually(() => {
      const released = tap
        .eventsOf('sochi.reports-released')
        .filter((e) => e.payload.inn === REPORTS_INN)
        .flatMap((e) => e.payload.reportIds);
      expect(released.sort()).toEqual([...paid].sort());
    });

    // The Bishkek days the credits fell on (the run may cross midnight), by the services' clocks.
    const days = settled.map((p) => bishkekWallClock(new Date(p.createdAt)).date).sort();
    const to = bishkekWallClock(system.now()).date;
    const statement = (
      await call('sochi-balance', 'GET', `/v1/sochi/organizations/${REPORTS_INN}/statement?from=${days[0]}&to=${to}`)
    ).body;
    expect(statement).toMatchObject({ openingBalance: '0.00', timeZone: 'Asia/Bishkek' });
    expect(somToTyiyn(statement.credits)).toBe(credited);
    expect(somToTyiyn(statement.charges)).toBe(paidSum);
    expect(statement.closingBalance).toBe((await api.organization(REPORTS_INN)).balance);
    expect(statement.entries.at(-1).balanceAfter).toBe(statement.closingBalance);
    process.stdout.write(
      `reports: ${amounts.length} concurrent top-ups (${Number(credited) / 100} som) released ${paid.length} of ${prices.length} reports\n`,
    );
  });

  it('records a failing autopayment, notifies each failure, and pauses it after 3 in a row until resumed', async () => {
    const phone = await wallet('996555600501', '1.00');
    const fav = await favorite(phone, { name: 'Налоги', service: 'SOCHI', account: INN, amount: '50.00' });
    const ap = await autopayment(phone, {
      favoriteId: fav.id,
      schedule: { kind: 'WEEKLY', weekday: 'MONDAY', time: '10:00' },
      startAt: system.now().toISOString(),
    });
    let state = await runsSettled(phone, ap.id, 1);
    for (let n = 2; n <= 3; n++) {
      // Bring the next run forward: the wallets come back with their clock at the next run.
      await restartWallets({ CLOCK_OFFSET_MS: String(Date.parse(state.nextRunAt) - Date.now() + 2000) });
      state = await runsSettled(phone, ap.id, n);
    }
    expect(state.runs.map((r: any) => [r.status, r.reason])).toEqual([
      ['FAILED', 'INSUFFICIENT_FUNDS'],
      ['FAILED', 'INSUFFICIENT_FUNDS'],
      ['FAILED', 'INSUFFICIENT_FUNDS'],
    ]);
    expect(new Set(state.runs.map((r: any) => r.period)).size).toBe(3);
    expect(state).toMatchObject({ status: 'PAUSED', consecutiveFailures: 3, nextRunAt: null });
    const failures = await notifications(phone, '?kind=AUTOPAYMENT_FAILED');
    expect(failures).toHaveLength(3);
    expect(failures[0].message).toContain('приостановлен после 3');
    for (const run of state.runs) expect((await api.payment(run.paymentId)).status).toBe('REJECTED');
    expect((await api.wallet(phone)).balance).toBe('1.00');

    const resumed = (await call('wallet', 'POST', `/v1/wallets/${phone}/autopayments/${ap.id}/resume`)).body;
    expect(resumed).toMatchObject({ status: 'ACTIVE', consecutiveFailures: 0 });
    expect(resumed.nextPeriod > state.runs[0].period).toBe(true);
    await cancel(phone, ap.id);
  });

  it('conserves money: top-ups = wallet balances + СОЧИ balances + paid reports + paid invoices', async () => {
    const report = await auditMoney(api, ledgers);
    const charges = (await call('sochi-balance', 'GET', `/v1/sochi/organizations/${REPORTS_INN}/charges?status=PAID`))
      .body.items as any[];
    const paidReports = charges.reduce((s, c) => s + somToTyiyn(c.price), 0n);
    expect(report.walletBalances + report.sochiBalances + paidReports + report.paidInvoices).toBe(report.toppedUp);
    expect(report).toMatchObject({ debitedTwice: [], refundedTwice: [], refundWithoutDebit: [] });
    await expectMessagingSettled(system, tap);
  });
});
