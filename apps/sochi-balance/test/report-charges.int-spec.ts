import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { SochiTopUpRequestedV1 } from '#contracts';
import { buildEnvelope } from '#messaging';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { eventually } from '../../../test/support/eventually.js';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';

let nextInn = 0;
const newInn = () => `7770000${String(++nextInn).padStart(7, '0')}`;

describe('СОЧИ report charges and statements against real PostgreSQL and RabbitMQ', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    svc = await startService('sochi-balance', async () => (await import('../src/app.module.js')).AppModule);
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  afterEach(() => svc.clock.release());

  const call = (method: string, path: string, body?: unknown) => http(svc.baseUrl, method, path, body);
  async function organization(): Promise<string> {
    const inn = newInn();
    expect((await call('POST', '/v1/sochi/organizations', { inn, name: `ОсОО ${inn}` })).status).toBe(201);
    return inn;
  }
  const charge = (inn: string, reportId: string, price: string, description = `Отчет ${reportId}`) =>
    call('POST', `/v1/sochi/organizations/${inn}/charges`, { reportId, description, price });
  const org = async (inn: string) => (await call('GET', `/v1/sochi/organizations/${inn}`)).body;
  const charges = async (inn: string, status = '') =>
    (await call('GET', `/v1/sochi/organizations/${inn}/charges${status && `?status=${status}`}`)).body.items as any[];
  /** A routed СОЧИ payment of `tyiyn`, credited once sochi-balance has consumed it. */
  async function topUp(inn: string, tyiyn: string): Promise<string> {
    const paymentId = randomUUID();
    await tap.publish(
      buildEnvelope(
        SochiTopUpRequestedV1,
        { paymentId, inn, amount: tyiyn, payerPhone: '996555000001', requestedAt: new Date().toISOString() },
        'wallet',
        {
          correlationId: paymentId,
        },
      ),
    );
    return paymentId;
  }
  const credited = (paymentIds: string[]) =>
    eventually(
      () =>
        expect(
          tap.eventsOf('sochi.top-up-credited').filter((e) => paymentIds.includes(e.payload.paymentId)),
        ).toHaveLength(paymentIds.length),
      20_000,
    );
  const released = (inn: string) => tap.eventsOf('sochi.reports-released').filter((e) => e.payload.inn === inn);

  it('charges a report the balance covers at once, to exactly zero, and answers a retry with the same charge', async () => {
    const inn = await organization();
    await credited([await topUp(inn, '50000')]);
    const first = await charge(inn, 'R-1', '350.00');
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      reportId: 'R-1',
      inn,
      description: 'Отчет R-1',
      price: '350.00',
      status: 'PAID',
      requestedAt: expect.any(String),
      paidAt: expect.any(String),
      balance: '150.00',
    });
    const retry = await charge(inn, 'R-1', '350');
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ reportId: 'R-1', status: 'PAID', paidAt: first.body.paidAt });
    expect((await charge(inn, 'R-2', '150.00')).body).toMatchObject({ status: 'PAID', balance: '0.00' });
    expect(await org(inn)).toMatchObject({
      balance: '0.00',
      credits: [expect.objectContaining({ amount: '500.00' })],
      awaitingPayment: { reports: 0, total: '0.00' },
    });
    const { rows } = await svc.db.query(
      `SELECT kind, amount::text, balance_after::text, report_id FROM sochi_ledger WHERE inn = $1 ORDER BY id`,
      [inn],
    );
    expect(rows).toEqual([
      { kind: 'TOP_UP', amount: '50000', balance_after: '50000', report_id: null },
      { kind: 'CHARGE', amount: '35000', balance_after: '15000', report_id: 'R-1' },
      { kind: 'CHARGE', amount: '15000', balance_after: '0', report_id: 'R-2' },
    ]);
  });

  it('refuses a reused report id, a bad price, a bad report id and an unknown organization, changing nothing', async () => {
    const inn = await organization();
    await charge(inn, 'R-3', '10.00');
    const reused = await charge(inn, 'R-3', '11.00');
    expect({ status: reused.status, code: reused.body.code }).toEqual({ status: 422, code: 'REPORT_ID_REUSED' });
    const other = await organization();
    expect((await charge(other, 'R-3', '10.00')).body.code).toBe('REPORT_ID_REUSED');
    for (const [reportId, price, code] of [
      ['R-4', '0.00', 'INVALID_AMOUNT'],
      ['R-4', '1.001', 'INVALID_AMOUNT'],
      ['R 4', '1.00', 'INVALID_REPORT_ID'],
    ]) {
      const res = await charge(inn, reportId, price);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { code: string }) => e.code)).toContain(code);
    }
    expect((await charge('99999999999990', 'R-5', '1.00')).body.code).toBe('ORGANIZATION_NOT_FOUND');
    expect((await charges(inn)).map((c) => c.reportId)).toEqual(['R-3']);
  });

  it('lets reports wait and releases them oldest first while the balance covers them, each once', async () => {
    const inn = await organization();
    for (const [id, price] of [
      ['A', '3.00'],
      ['B', '5.00'],
      ['C', '1.00'],
    ])
      expect((await charge(inn, `${inn}-${id}`, price)).body.status).toBe('AWAITING_PAYMENT');
    expect(await org(inn)).toMatchObject({ balance: '0.00', awaitingPayment: { reports: 3, total: '9.00' } });
    expect((await charges(inn, 'AWAITING_PAYMENT')).map((c) => c.reportId)).toEqual([
      `${inn}-A`,
      `${inn}-B`,
      `${inn}-C`,
    ]);

    // 3.50 pays A; B (5.00) is not covered, and C, though covered, does not overtake it.
    await credited([await topUp(inn, '350')]);
    expect((await charges(inn, 'PAID')).map((c) => c.reportId)).toEqual([`${inn}-A`]);
    expect((await org(inn)).balance).toBe('0.50');
    await eventually(() => expect(released(inn).map((e) => e.payload.reportIds)).toEqual([[`${inn}-A`]]));

    await credited([await topUp(inn, '600')]);
    expect(await charges(inn, 'AWAITING_PAYMENT')).toEqual([]);
    expect((await org(inn)).balance).toBe('0.50');
    await eventually(() =>
      expect(released(inn).map((e) => e.payload.reportIds)).toEqual([[`${inn}-A`], [`${inn}-B`, `${inn}-C`]]),
    );
    expect(released(inn)[1]).toMatchObject({ producer: 'sochi-balance', version: 1, causationId: expect.any(String) });
  });

  it('under concurrent top-ups releases exactly the waiting reports they cover, oldest first, each once', async () => {
    const inn = await organization();
    const prices = [700, 300, 1200, 100, 900, 400, 2500, 50, 600, 800]; // som
    for (const [i, p] of prices.entries()) await charge(inn, `${inn}-${String(i).padStart(2, '0')}`, `${p}.00`);
    const topUps = await Promise.all(
      [400, 650, 900, 120, 1000, 333, 210, 777].map((som) => topUp(inn, String(som * 100))),
    );
    await credited(topUps);
    const paid = (await charges(inn, 'PAID')).map((c) => c.reportId);
    const waiting = await charges(inn, 'AWAITING_PAYMENT');
    const order = prices.map((_, i) => `${inn}-${String(i).padStart(2, '0')}`);
    // Oldest first: what was paid is exactly the first reports of the queue.
    expect(paid).toEqual(order.slice(0, paid.length));
    const totalCredited = [400, 650, 900, 120, 1000, 333, 210, 777].reduce((a, b) => a + b, 0) * 100;
    const totalPaid = prices.slice(0, paid.length).reduce((a, b) => a + b, 0) * 100;
    const balance = Math.round(Number((await org(inn)).balance) * 100);
    expect(balance).toBe(totalCredited - totalPaid);
    if (waiting.length > 0) expect(balance).toBeLessThan(prices[paid.length] * 100);
    await eventually(() => {
      const ids = released(inn).flatMap((e) => e.payload.reportIds);
      expect(ids.sort()).toEqual([...paid].sort());
    });
    const { rows } = await svc.db.query(
      `SELECT report_id, count(*)::int AS n FROM sochi_ledger WHERE inn = $1 AND kind = 'CHARGE' GROUP BY report_id`,
      [inn],
    );
    expect(rows.every((r: { n: number }) => r.n === 1)).toBe(true);
    expect(rows).toHaveLength(paid.length);
    process.stdout.write(
      `concurrent top-ups: ${topUps.length} credits of ${totalCredited / 100} som paid ${paid.length} of ${prices.length} waiting reports\n`,
    );
  });

  it("states a period: opening balance, credits, charges, and a closing balance equal to the ledger's", async () => {
    // The service's clock: 10 November 2026, 12:00 Bishkek; "today" in the statement is that day.
    svc.clock.set('2026-11-10T06:00:00Z');
    const inn = await organization();
    // A credit of 10 January 2026, as if made then: the opening balance of any later period (up to today).
    await svc.db.query(
      `WITH o AS (UPDATE organizations SET balance = 100000 WHERE inn = $1 RETURNING inn)
       INSERT INTO sochi_ledger (inn, kind, payment_id, amount, balance_after, created_at) SELECT inn, 'TOP_UP', $2, 100000, 100000, '2026-01-10T10:00:00Z' FROM o`,
      [inn, randomUUID()],
    );
    await charge(inn, `${inn}-now`, '250.00');
    expect((await charge(inn, `${inn}-wait`, '1500.00')).body.status).toBe('AWAITING_PAYMENT');
    await credited([await topUp(inn, '120000')]);
    const today = '2026-11-10';
    const s = (await call('GET', `/v1/sochi/organizations/${inn}/statement?from=2026-01-11&to=${today}`)).body;
    expect(s).toMatchObject({
      inn,
      from: '2026-01-11',
      to: today,
      timeZone: 'Asia/Bishkek',
      openingBalance: '1000.00',
      credits: '1200.00',
      charges: '1750.00',
      closingBalance: '450.00',
    });
    expect(s.closingBalance).toBe((await org(inn)).balance);
    expect(s.entries.map((e: any) => [e.kind, e.amount, e.balanceAfter])).toEqual([
      ['CHARGE', '-250.00', '750.00'],
      ['TOP_UP', '1200.00', '1950.00'],
      ['CHARGE', '-1500.00', '450.00'],
    ]);
  });

  it('refuses statements of impossible periods', async () => {
    const inn = await organization();
    for (const q of [
      'from=2026-02-30&to=2026-03-01',
      'from=2026-03-02&to=2026-03-01',
      'from=2024-01-01&to=2026-01-01',
      'from=2026-01-01',
    ]) {
      const res = await call('GET', `/v1/sochi/organizations/${inn}/statement?${q}`);
      expect({ q, status: res.status, code: res.body.code }).toEqual({ q, status: 400, code: 'VALIDATION_FAILED' });
    }
    const jan = (await call('GET', `/v1/sochi/organizations/${inn}/statement?from=2026-01-01&to=2026-01-31`)).body;
    expect(jan).toMatchObject({
      openingBalance: '0.00',
      credits: '0.00',
      charges: '0.00',
      closingBalance: '0.00',
      entries: [],
    });
    expect(
      (await call('GET', `/v1/sochi/organizations/99999999999990/statement?from=2026-01-01&to=2026-01-31`)).body.code,
    ).toBe('ORGANIZATION_NOT_FOUND');
  });
});
