import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { asStaff } from '../../../test/support/test-credentials.js';
import { newPhone, walletApi } from './wallet.fixtures.js';

describe('wallet HTTP API against real PostgreSQL', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;
  let api: ReturnType<typeof walletApi>;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    svc = await startService('wallet', async () => (await import('../src/app.module.js')).AppModule);
    api = walletApi(svc);
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  // Mid-month and mid-day in Bishkek: the month's turnover cannot reset during a test, whenever it runs.
  beforeEach(() => {
    svc.clock.set('2026-11-10T06:00:00Z');
  });
  afterEach(() => svc.clock.release());

  const ledgerCount = async (phone?: string) =>
    (
      await svc.db.query(`SELECT count(*)::int AS n FROM wallet_ledger WHERE $1::text IS NULL OR phone = $1`, [
        phone ?? null,
      ])
    ).rows[0].n;

  const expectProblem = (res: { status: number; contentType: string; body: any }, status: number, code: string) => {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: `urn:dostek:problem:${code}`, status, code });
  };

  describe('opening a wallet', () => {
    it('opens an empty wallet showing the whole monthly limit available', async () => {
      const phone = newPhone();
      const res = await api.create(phone);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        phone,
        balance: '0.00',
        monthTurnover: '0.00',
        monthLimit: '60000.00',
        availableThisMonth: '60000.00',
        month: '2026-11',
        createdAt: '2026-11-10T06:00:00.000Z',
      });
      expect((await api.get(phone)).body).toEqual({
        phone,
        balance: '0.00',
        monthTurnover: '0.00',
        monthLimit: '60000.00',
        availableThisMonth: '60000.00',
        month: '2026-11',
      });
    });

    it('refuses a second wallet for the same phone and keeps the first', async () => {
      const phone = await api.funded('10.00');
      expectProblem(await api.create(phone), 409, 'WALLET_EXISTS');
      expect(await api.balance(phone)).toBe('10.00');
    });

    it.each([['123'], ['+996555000001'], ['99655500000a'], [996555000001]])(
      'refuses the phone %j with 400 and opens nothing',
      async (phone) => {
        const before = (await svc.db.query(`SELECT count(*)::int AS n FROM wallets`)).rows[0].n;
        const res = await http(svc.baseUrl, 'POST', '/v1/wallets', { phone });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'phone', code: 'INVALID_PHONE' })]);
        expect((await svc.db.query(`SELECT count(*)::int AS n FROM wallets`)).rows[0].n).toBe(before);
      },
    );

    it('answers a body that is not JSON with problem+json', async () => {
      const res = await fetch(`${svc.baseUrl}/v1/wallets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"phone":',
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    });
  });

  describe('reading a wallet', () => {
    it('is 404 WALLET_NOT_FOUND for a phone without a wallet', async () => {
      expectProblem(await api.get(newPhone()), 404, 'WALLET_NOT_FOUND');
    });

    it('is 400 VALIDATION_FAILED for an invalid phone', async () => {
      const res = await api.get('12345');
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors[0].code).toBe('INVALID_PHONE');
    });
  });

  describe('topping up', () => {
    it('credits the wallet and records one ledger entry', async () => {
      const phone = newPhone();
      await api.create(phone);
      const res = await api.topUp(phone, { amount: '150.00' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9]+$/),
        phone,
        amount: '150.00',
        balanceAfter: '150.00',
        createdAt: expect.any(String),
      });
      expect((await api.topUp(phone, { amount: '0.05' })).body.balanceAfter).toBe('150.05');
      const wallet = (await api.get(phone)).body;
      expect(wallet).toMatchObject({ balance: '150.05', monthTurnover: '0.00', availableThisMonth: '60000.00' });
      expect(await ledgerCount(phone)).toBe(2);
    });

    it('replays a retry with the same key and body: 200, the same top-up, nothing changes', async () => {
      const phone = newPhone();
      await api.create(phone);
      const key = randomUUID();
      const first = await api.topUp(phone, { amount: '150.00' }, key);
      const again = await api.topUp(phone, { amount: '150.00' }, key);
      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      // The same amount written differently is the same request.
      const same = await api.topUp(phone, { amount: '150' }, key);
      expect(same.status).toBe(200);
      expect(same.body).toEqual(first.body);
      expect(await api.balance(phone)).toBe('150.00');
      expect(await ledgerCount(phone)).toBe(1);
    });

    it('refuses the key reused with another body: 422, nothing changes', async () => {
      const phone = newPhone();
      await api.create(phone);
      const key = randomUUID();
      await api.topUp(phone, { amount: '150.00' }, key);
      expectProblem(await api.topUp(phone, { amount: '150.01' }, key), 422, 'IDEMPOTENCY_KEY_REUSED');
      expect(await api.balance(phone)).toBe('150.00');
      expect(await ledgerCount(phone)).toBe(1);
    });

    it('scopes keys per wallet', async () => {
      const [a, b] = [newPhone(), newPhone()];
      await api.create(a);
      await api.create(b);
      const key = 'shared-key';
      expect((await api.topUp(a, { amount: '1.00' }, key)).status).toBe(201);
      expect((await api.topUp(b, { amount: '2.00' }, key)).status).toBe(201);
      expect([await api.balance(a), await api.balance(b)]).toEqual(['1.00', '2.00']);
    });

    it('scopes keys per caller: two callers with one key on one wallet make two top-ups, each replays its own', async () => {
      const phone = newPhone();
      await api.create(phone);
      const key = randomUUID();
      const url = `/v1/wallets/${phone}/top-ups`;
      const asTreasury = async (body: unknown) =>
        http(svc.baseUrl, 'POST', url, body, { ...(await asStaff('treasury')), 'Idempotency-Key': key });
      const partner = await api.topUp(phone, { amount: '1.00' }, key);
      const staff = await asTreasury({ amount: '2.00' });
      expect([partner.status, staff.status]).toEqual([201, 201]);
      expect(staff.body.id).not.toBe(partner.body.id);
      expect(await api.balance(phone)).toBe('3.00');
      const partnerAgain = await api.topUp(phone, { amount: '1.00' }, key);
      const staffAgain = await asTreasury({ amount: '2.00' });
      expect([partnerAgain.status, staffAgain.status]).toEqual([200, 200]);
      expect([partnerAgain.body.id, staffAgain.body.id]).toEqual([partner.body.id, staff.body.id]);
      expectProblem(await asTreasury({ amount: '1.00' }), 422, 'IDEMPOTENCY_KEY_REUSED');
      expectProblem(await api.topUp(phone, { amount: '2.00' }, key), 422, 'IDEMPOTENCY_KEY_REUSED');
      expect(await api.balance(phone)).toBe('3.00');
    });

    it('applies concurrent retries with one key exactly once', async () => {
      const phone = newPhone();
      await api.create(phone);
      const key = randomUUID();
      const results = await Promise.all(Array.from({ length: 12 }, () => api.topUp(phone, { amount: '25.00' }, key)));
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(await api.balance(phone)).toBe('25.00');
      expect(await ledgerCount(phone)).toBe(1);
    });

    it.each([
      ['a number', 150],
      ['a float', 150.5],
      ['three decimals', '1.234'],
      ['zero', '0.00'],
      ['negative', '-1.00'],
      ['an exponent', '1e3'],
      ['a comma', '1,00'],
      ['too large', '1000000.01'],
      ['missing', undefined],
    ])('refuses an amount that is %s with 400 INVALID_AMOUNT and changes nothing', async (_what, amount) => {
      const phone = await api.funded('5.00');
      const res = await api.topUp(phone, amount === undefined ? {} : { amount });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'amount', code: 'INVALID_AMOUNT' })]);
      expect(await api.balance(phone)).toBe('5.00');
      expect(await ledgerCount(phone)).toBe(1);
    });

    it('requires an Idempotency-Key of 1-200 characters', async () => {
      const phone = await api.funded('5.00');
      expectProblem(await api.topUp(phone, { amount: '1.00' }, null), 400, 'IDEMPOTENCY_KEY_REQUIRED');
      expectProblem(await api.topUp(phone, { amount: '1.00' }, ''), 400, 'IDEMPOTENCY_KEY_REQUIRED');
      const long = await api.topUp(phone, { amount: '1.00' }, 'k'.repeat(201));
      expectProblem(long, 400, 'INVALID_IDEMPOTENCY_KEY');
      expect(long.body.errors[0].code).toBe('INVALID_IDEMPOTENCY_KEY');
      expectProblem(await api.topUp(phone, { amount: '1.00' }, 'k 1'), 400, 'INVALID_IDEMPOTENCY_KEY');
      expect((await api.topUp(phone, { amount: '1.00' }, 'k'.repeat(200))).status).toBe(201);
      expect(await api.balance(phone)).toBe('6.00');
    });

    it('is 404 WALLET_NOT_FOUND for a phone without a wallet, creating nothing', async () => {
      const phone = newPhone();
      expectProblem(await api.topUp(phone, { amount: '1.00' }), 404, 'WALLET_NOT_FOUND');
      expect((await svc.db.query(`SELECT count(*)::int AS n FROM wallets WHERE phone = $1`, [phone])).rows[0].n).toBe(
        0,
      );
      expect(await ledgerCount(phone)).toBe(0);
    });
  });

  describe('operations', () => {
    it('lists top-ups newest first in pages by id', async () => {
      const phone = newPhone();
      await api.create(phone);
      for (const amount of ['1.00', '2.00', '3.00', '4.00', '5.00']) await api.topUp(phone, { amount });
      const first = await api.operations(phone, '?limit=2');
      expect(first.status).toBe(200);
      expect(first.body.items.map((i: any) => [i.kind, i.amount, i.balanceAfter])).toEqual([
        ['TOP_UP', '5.00', '15.00'],
        ['TOP_UP', '4.00', '10.00'],
      ]);
      expect(first.body.items[0]).toEqual({
        id: expect.stringMatching(/^[0-9]+$/),
        kind: 'TOP_UP',
        amount: '5.00',
        balanceAfter: '15.00',
        paymentId: null,
        service: null,
        account: null,
        createdAt: expect.any(String),
      });
      expect(first.body.nextBefore).toBe(first.body.items[1].id);
      const second = await api.operations(phone, `?limit=2&before=${first.body.nextBefore}`);
      expect(second.body.items.map((i: any) => i.amount)).toEqual(['3.00', '2.00']);
      const last = await api.operations(phone, `?limit=2&before=${second.body.nextBefore}`);
      expect(last.body).toEqual({ items: [expect.objectContaining({ amount: '1.00' })], nextBefore: null });
      const all = await api.operations(phone);
      expect(all.body.items).toHaveLength(5);
      expect(all.body.nextBefore).toBeNull();
    });

    it('shows only the wallet’s own operations', async () => {
      const phone = await api.funded('7.00');
      await api.funded('8.00');
      expect((await api.operations(phone)).body.items.map((i: any) => i.amount)).toEqual(['7.00']);
    });

    it.each(['?limit=0', '?limit=201', '?limit=abc', '?before=0', '?before=-1', '?before=abc'])(
      'refuses %s with 400',
      async (query) => {
        const phone = await api.funded('1.00');
        expectProblem(await api.operations(phone, query), 400, 'VALIDATION_FAILED');
      },
    );

    it('is 404 for a phone without a wallet and 400 for an invalid phone', async () => {
      expectProblem(await api.operations(newPhone()), 404, 'WALLET_NOT_FOUND');
      expectProblem(await api.operations('abc'), 400, 'VALIDATION_FAILED');
    });
  });

  it('keeps every balance equal to its ledger', async () => {
    const { rows } = await svc.db.query(
      `SELECT w.phone, w.balance,
              coalesce(sum(CASE l.kind WHEN 'DEBIT' THEN -l.amount ELSE l.amount END), 0) AS ledger
         FROM wallets w LEFT JOIN wallet_ledger l ON l.phone = w.phone GROUP BY w.phone, w.balance`,
    );
    for (const r of rows) expect(r.balance).toBe(r.ledger);
  });
});
