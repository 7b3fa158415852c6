import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { sendRaw } from '../../../test/support/raw-http.js';

const INN = '01234567890123';

/**
 * The router with a real wallet beside it (both in-process, each on its own database, on the test vhost), so that a
 * refused request can be shown to have moved no money.
 */
describe('payment-router refuses bad input with a clear 4xx and changes nothing', () => {
  let wallet: ServiceUnderTest;
  let router: ServiceUnderTest;
  let nextPhone = 0;

  beforeAll(async () => {
    wallet = await startService('wallet', async () => (await import('../../wallet/src/app.module.js')).AppModule);
    router = await startService('payment-router', async () => (await import('../src/app.module.js')).AppModule, {
      WALLET_URL: wallet.baseUrl,
      ECP_INVOICING_URL: wallet.baseUrl,
      SOCHI_BALANCE_URL: wallet.baseUrl,
    });
  });

  afterAll(async () => {
    await router?.close();
    await wallet?.close();
  });

  async function fundedWallet(som: string): Promise<string> {
    const phone = `996702${String(++nextPhone).padStart(6, '0')}`;
    expect((await http(wallet.baseUrl, 'POST', '/v1/wallets', { phone })).status).toBe(201);
    expect(
      (
        await http(
          wallet.baseUrl,
          'POST',
          `/v1/wallets/${phone}/top-ups`,
          { amount: som },
          { 'Idempotency-Key': randomUUID() },
        )
      ).status,
    ).toBe(201);
    return phone;
  }
  const balance = async (phone: string) => (await http(wallet.baseUrl, 'GET', `/v1/wallets/${phone}`)).body.balance;
  /**
   * Payments and their payment.requested events: a refused request adds to neither. (Not every outbox row: the earlier
   * tests' payments go on through the flow meanwhile, and the router appends their next events as the wallet answers.)
   */
  const written = async () =>
    (
      await router.db.query(
        `SELECT (SELECT count(*) FROM payments) + (SELECT count(*) FROM outbox WHERE envelope->>'type' = 'payment.requested') AS n`,
      )
    ).rows[0].n as string;
  const pay = (body: unknown, headers: Record<string, string>) =>
    http(router.baseUrl, 'POST', '/v1/payments', body, headers);
  const payFromFavorite = (body: unknown, headers: Record<string, string>) =>
    http(router.baseUrl, 'POST', '/v1/payments/from-favorite', body, headers);

  describe('the Idempotency-Key of a payment, one rule for both ways to pay', () => {
    it('refuses the reserved form autopayment:<uuid> on /v1/payments exactly as on /from-favorite, creating no payment', async () => {
      const phone = await fundedWallet('10.00');
      const fav = await http(wallet.baseUrl, 'POST', `/v1/wallets/${phone}/favorites`, {
        name: 'Налоги',
        service: 'SOCHI',
        account: INN,
        amount: '1.00',
      });
      expect(fav.status).toBe(201);
      const before = await written();
      const key = { 'Idempotency-Key': `autopayment:${randomUUID()}` };
      const direct = await pay({ phone, service: 'SOCHI', account: INN, amount: '1.00' }, key);
      const fromFavorite = await payFromFavorite({ phone, favoriteId: fav.body.id }, key);
      for (const res of [direct, fromFavorite]) {
        expect(res.status).toBe(400);
        expect(res.contentType).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({
          code: 'VALIDATION_FAILED',
          errors: [{ field: 'Idempotency-Key', code: 'RESERVED_IDEMPOTENCY_KEY', message: expect.any(String) }],
        });
      }
      expect(direct.body.errors).toEqual(fromFavorite.body.errors);
      expect(await written()).toBe(before);
      const { rows } = await router.db.query(
        `SELECT count(*)::int AS n FROM payments WHERE idempotency_key IN ($1, $2)`,
        [key['Idempotency-Key'], `partner:megapay-dev/${key['Idempotency-Key']}`],
      );
      expect(rows[0].n).toBe(0);
      expect(await balance(phone)).toBe('10.00');
    });

    it('answers a missing, a too long and an outside-the-alphabet key the same on both', async () => {
      const phone = await fundedWallet('10.00');
      const body = { phone, service: 'SOCHI', account: INN, amount: '1.00' };
      const favoriteBody = { phone, favoriteId: randomUUID() };
      const before = await written();
      for (const send of [
        (h: Record<string, string>) => pay(body, h),
        (h: Record<string, string>) => payFromFavorite(favoriteBody, h),
      ]) {
        const missing = await send({});
        expect({ status: missing.status, code: missing.body.code }).toEqual({
          status: 400,
          code: 'IDEMPOTENCY_KEY_REQUIRED',
        });
        for (const bad of ['k'.repeat(201), 'k 1', 'partner/k']) {
          const refused = await send({ 'Idempotency-Key': bad });
          expect(refused.status).toBe(400);
          expect(refused.body).toMatchObject({
            code: 'INVALID_IDEMPOTENCY_KEY',
            errors: [{ field: 'Idempotency-Key', code: 'INVALID_IDEMPOTENCY_KEY' }],
          });
        }
      }
      expect(await written()).toBe(before);
      expect(await balance(phone)).toBe('10.00');
    });
  });

  describe('texts a database cannot store as sent', () => {
    it.each([
      ['a NUL', `${INN.slice(0, 7)}\u0000${INN.slice(7)}`],
      ['a lone surrogate', `${INN}\uD800`],
    ])('refuses an account with %s at check and pay, creating no payment', async (_, account) => {
      const phone = await fundedWallet('10.00');
      const before = await written();
      for (const res of [
        await http(router.baseUrl, 'POST', '/v1/payments/check', { phone, service: 'SOCHI', account, amount: '1.00' }),
        await pay({ phone, service: 'SOCHI', account, amount: '1.00' }, { 'Idempotency-Key': randomUUID() }),
      ]) {
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({
          code: 'VALIDATION_FAILED',
          errors: [{ field: 'account', code: 'INVALID_CHARACTERS', message: expect.any(String) }],
        });
      }
      expect(await written()).toBe(before);
      expect(await balance(phone)).toBe('10.00');
    });

    it('names the payment id in the path that holds a NUL', async () => {
      const res = await http(router.baseUrl, 'GET', `/v1/payments/${randomUUID()}%00`);
      expect(res.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'id', code: 'INVALID_CHARACTERS' }],
      });
    });
  });

  describe('bodies that are not JSON', () => {
    it('refuses a form with 415 UNSUPPORTED_MEDIA_TYPE, creating no payment, and keeps malformed JSON a 400', async () => {
      const phone = await fundedWallet('10.00');
      const before = await written();
      const form = new URLSearchParams({ phone, service: 'SOCHI', account: INN, amount: '1.00' }).toString();
      const res = await sendRaw(router.baseUrl, 'POST', '/v1/payments', form, {
        'content-type': 'application/x-www-form-urlencoded',
        'Idempotency-Key': randomUUID(),
      });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
      expect(res.contentType).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('x-powered-by')).toBeNull();
      const check = await sendRaw(router.baseUrl, 'POST', '/v1/payments/check', form, { 'content-type': 'text/plain' });
      expect(check.status).toBe(415);
      const broken = await sendRaw(router.baseUrl, 'POST', '/v1/payments', '{"phone":', {
        'content-type': 'application/json',
        'Idempotency-Key': randomUUID(),
      });
      expect({ status: broken.status, code: broken.body.code }).toEqual({ status: 400, code: 'MALFORMED_REQUEST' });
      expect(await written()).toBe(before);
      expect(await balance(phone)).toBe('10.00');
    });
  });

  it('sends no X-Powered-By, whatever the answer', async () => {
    const answers = await Promise.all([
      sendRaw(router.baseUrl, 'GET', '/v1/services'),
      sendRaw(router.baseUrl, 'GET', `/v1/payments/${randomUUID()}`),
      sendRaw(router.baseUrl, 'GET', '/v1/payments/nope'),
      sendRaw(router.baseUrl, 'POST', '/v1/payments', '{}', { 'content-type': 'application/json' }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 404, 400, 400]);
    for (const a of answers) expect(a.headers.get('x-powered-by')).toBeNull();
  });
});
