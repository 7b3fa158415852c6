import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { sendOverSocket, sendRaw } from '../../../test/support/raw-http.js';
import { newPhone, walletApi } from './wallet.fixtures.js';

const INN = '01234567890123';

describe('wallet refuses bad input with a clear 4xx and changes nothing', () => {
  let svc: ServiceUnderTest;
  let api: ReturnType<typeof walletApi>;

  beforeAll(async () => {
    svc = await startService('wallet', async () => (await import('../src/app.module.js')).AppModule);
    api = walletApi(svc);
  });

  afterAll(async () => {
    await svc?.close();
  });

  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    http(svc.baseUrl, method, path, body, headers);
  const count = async (sql: string, params: unknown[] = []) => (await svc.db.query(sql, params)).rows[0].n as number;
  const ledgerCount = (phone: string) =>
    count(`SELECT count(*)::int AS n FROM wallet_ledger WHERE phone = $1`, [phone]);
  async function favorite(phone: string) {
    const res = await call('POST', `/v1/wallets/${phone}/favorites`, {
      name: 'Налоги',
      service: 'SOCHI',
      account: INN,
      amount: '1.00',
    });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  }
  function expectField(
    res: { status: number; contentType: string; body: any },
    field: string,
    code = 'INVALID_CHARACTERS',
  ) {
    expect(res.status).toBe(400);
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ field, code, message: expect.any(String) }]);
  }

  describe('texts a database cannot store as sent', () => {
    it.each([
      ['a NUL', 'Налоги\u0000'],
      ['a lone surrogate', 'Налоги \uD83D'],
    ])('refuses a favorite named with %s, saving nothing, and a rename to one, keeping the name', async (_, name) => {
      const phone = await api.funded('5.00');
      expectField(
        await call('POST', `/v1/wallets/${phone}/favorites`, { name, service: 'SOCHI', account: INN }),
        'name',
      );
      expect(await count(`SELECT count(*)::int AS n FROM favorites WHERE phone = $1`, [phone])).toBe(0);
      const fav = await favorite(phone);
      expectField(await call('PATCH', `/v1/wallets/${phone}/favorites/${fav.id}`, { name }), 'name');
      expect((await call('GET', `/v1/wallets/${phone}/favorites/${fav.id}`)).body.name).toBe('Налоги');
    });

    it('names the field inside a nested body', async () => {
      const phone = await api.funded('5.00');
      const fav = await favorite(phone);
      const res = await call('POST', `/v1/wallets/${phone}/autopayments`, {
        favoriteId: fav.id,
        schedule: { kind: 'MONTHLY', dayOfMonth: 5, time: '09:00\u0000' },
      });
      expectField(res, 'schedule.time');
      expect(await count(`SELECT count(*)::int AS n FROM autopayments WHERE phone = $1`, [phone])).toBe(0);
    });

    it('names the path and query parameters that hold a NUL', async () => {
      const phone = await api.funded('5.00');
      expectField(await call('GET', `/v1/wallets/${phone}%00`), 'phone');
      expectField(
        await call('POST', `/v1/wallets/${phone}%00/top-ups`, { amount: '1.00' }, { 'Idempotency-Key': randomUUID() }),
        'phone',
      );
      expectField(await call('GET', `/v1/wallets/${phone}/operations?before=1%00`), 'before');
      expectField(await call('GET', `/v1/wallets/${phone}/notifications?kind=%00`), 'kind');
      expect(await api.balance(phone)).toBe('5.00');
      expect(await ledgerCount(phone)).toBe(1);
    });
  });

  describe('the Idempotency-Key of a top-up', () => {
    it('is IDEMPOTENCY_KEY_REQUIRED when missing, INVALID_IDEMPOTENCY_KEY naming the header when too long or outside A-Z a-z 0-9 . _ : -', async () => {
      const phone = await api.funded('5.00');
      expect((await api.topUp(phone, { amount: '1.00' }, null)).body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
      for (const bad of ['k'.repeat(201), 'k 1', 'a,b', 'cl\u00e9']) {
        const res = await api.topUp(phone, { amount: '1.00' }, bad);
        expect(res.status).toBe(400);
        expect(res.contentType).toMatch(/^application\/problem\+json/);
        expect(res.body.code).toBe('INVALID_IDEMPOTENCY_KEY');
        expect(res.body.errors).toEqual([
          { field: 'Idempotency-Key', code: 'INVALID_IDEMPOTENCY_KEY', message: expect.any(String) },
        ]);
      }
      expect(await api.balance(phone)).toBe('5.00');
      expect(await ledgerCount(phone)).toBe(1);
    });

    it('with a NUL, which HTTP itself cannot carry, is refused as problem+json before reaching the wallet', async () => {
      const phone = await api.funded('5.00');
      const body = JSON.stringify({ amount: '1.00' });
      const res = await sendOverSocket(
        svc.baseUrl,
        `POST /v1/wallets/${phone}/top-ups HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nIdempotency-Key: k\u0000\r\n\r\n${body}`,
      );
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.body.code).toBe('MALFORMED_REQUEST');
      expect(await api.balance(phone)).toBe('5.00');
      expect(await ledgerCount(phone)).toBe(1);
    });
  });

  describe('bodies that are not JSON', () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };

    it('refuses a form on POST, PATCH and a top-up with 415 UNSUPPORTED_MEDIA_TYPE, changing nothing', async () => {
      const phone = newPhone();
      const created = await sendRaw(svc.baseUrl, 'POST', '/v1/wallets', `phone=${phone}`, form);
      expect({ status: created.status, code: created.body.code, type: created.contentType }).toEqual({
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        type: expect.stringMatching(/^application\/problem\+json/),
      });
      expect(await count(`SELECT count(*)::int AS n FROM wallets WHERE phone = $1`, [phone])).toBe(0);

      const funded = await api.funded('5.00');
      const fav = await favorite(funded);
      const renamed = await sendRaw(
        svc.baseUrl,
        'PATCH',
        `/v1/wallets/${funded}/favorites/${fav.id}`,
        'name=Other',
        form,
      );
      expect(renamed.status).toBe(415);
      expect((await call('GET', `/v1/wallets/${funded}/favorites/${fav.id}`)).body.name).toBe('Налоги');

      const toppedUp = await sendRaw(svc.baseUrl, 'POST', `/v1/wallets/${funded}/top-ups`, 'amount=1.00', {
        ...form,
        'Idempotency-Key': randomUUID(),
      });
      expect(toppedUp.status).toBe(415);
      const bare = await sendRaw(
        svc.baseUrl,
        'POST',
        `/v1/wallets/${funded}/top-ups`,
        new TextEncoder().encode('{"amount":"1.00"}'),
        { 'Idempotency-Key': randomUUID() },
      );
      expect(bare.status).toBe(415);
      expect(bare.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(await api.balance(funded)).toBe('5.00');
      expect(await ledgerCount(funded)).toBe(1);
    });

    it('keeps a malformed JSON body 400 MALFORMED_REQUEST, and takes a bodiless POST', async () => {
      const phone = await api.funded('5.00');
      const broken = await sendRaw(svc.baseUrl, 'POST', `/v1/wallets/${phone}/top-ups`, '{"amount":', {
        'content-type': 'application/json',
        'Idempotency-Key': randomUUID(),
      });
      expect(broken.status).toBe(400);
      expect(broken.body.code).toBe('MALFORMED_REQUEST');
      expect(await api.balance(phone)).toBe('5.00');
      const fav = await favorite(phone);
      const ap = await call('POST', `/v1/wallets/${phone}/autopayments`, {
        favoriteId: fav.id,
        schedule: { kind: 'WEEKLY', weekday: 'MONDAY', time: '09:00' },
      });
      expect(ap.status).toBe(201);
      // A form's Content-Type on an empty body (as `curl -d ''` sends) carries no body to refuse.
      const paused = await sendRaw(
        svc.baseUrl,
        'POST',
        `/v1/wallets/${phone}/autopayments/${ap.body.id}/pause`,
        '',
        form,
      );
      expect(paused.status).toBe(200);
    });
  });

  it('sends no X-Powered-By, whatever the answer', async () => {
    const phone = await api.funded('5.00');
    const answers = await Promise.all([
      sendRaw(svc.baseUrl, 'GET', `/v1/wallets/${phone}`),
      sendRaw(svc.baseUrl, 'GET', `/v1/wallets/${newPhone()}`),
      sendRaw(svc.baseUrl, 'GET', '/v1/wallets/1'),
      sendRaw(svc.baseUrl, 'POST', '/v1/wallets', 'phone=1', { 'content-type': 'application/x-www-form-urlencoded' }),
      sendRaw(svc.baseUrl, 'POST', `/v1/wallets/${phone}/top-ups`, JSON.stringify({ amount: '1.00' }), {
        'content-type': 'application/json',
        'Idempotency-Key': randomUUID(),
      }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 404, 400, 415, 201]);
    for (const a of answers) expect(a.headers.get('x-powered-by')).toBeNull();
  });
});
