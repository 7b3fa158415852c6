import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { SochiTopUpCreditedV1, SochiTopUpRefusedV1, WalletAutopaymentDueV1, type Envelope } from '#contracts';
import { buildEnvelope } from '#messaging';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { eventually } from '../../../test/support/eventually.js';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';

const INN = '01234567890123';
const INVOICE = '4000000000000002';

/**
 * The router with a real wallet beside it (both in-process, each on its own database, on the test vhost): the wallet
 * debits, refunds, runs autopayments and asks sochi-balance for СОЧИ top-ups itself (routing slip); the tap plays
 * sochi-balance and ecp-invoicing. ECP_INVOICING_URL points at the
 * wallet, which answers 404 for any invoice: an unknown invoice.
 */
describe('payment-router: pay from a favorite, autopayment runs and payment outcomes', () => {
  let wallet: ServiceUnderTest;
  let router: ServiceUnderTest;
  let tap: BrokerTap;
  let nextPhone = 0;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    wallet = await startService('wallet', async () => (await import('../../wallet/src/app.module.js')).AppModule, {
      AUTOPAYMENT_TICK_MS: '100',
    });
    router = await startService('payment-router', async () => (await import('../src/app.module.js')).AppModule, {
      WALLET_URL: wallet.baseUrl,
      ECP_INVOICING_URL: wallet.baseUrl,
      SOCHI_BALANCE_URL: wallet.baseUrl,
    });
  });

  afterAll(async () => {
    await router?.close();
    await wallet?.close();
    await tap?.close();
  });

  async function fundedWallet(som: string): Promise<string> {
    const phone = `996701${String(++nextPhone).padStart(6, '0')}`;
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
  async function favorite(phone: string, body: Record<string, unknown>) {
    const res = await http(wallet.baseUrl, 'POST', `/v1/wallets/${phone}/favorites`, { name: 'Шаблон', ...body });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  }
  const payFromFavorite = (body: Record<string, unknown>, key: string = randomUUID()) =>
    http(router.baseUrl, 'POST', '/v1/payments/from-favorite', body, { 'Idempotency-Key': key });
  const payment = async (id: string) => (await http(router.baseUrl, 'GET', `/v1/payments/${id}`)).body;
  const balance = async (phone: string) => (await http(wallet.baseUrl, 'GET', `/v1/wallets/${phone}`)).body.balance;
  const notifications = async (phone: string) =>
    (await http(wallet.baseUrl, 'GET', `/v1/wallets/${phone}/notifications`)).body.items as any[];
  const published = (type: string, paymentId: string) =>
    eventually(() => {
      const e = tap.eventsOf(type).find((x) => x.payload.paymentId === paymentId);
      expect(e).toBeDefined();
      return e as Envelope<any>;
    });
  /** Plays sochi-balance: credits (or refuses) the top-up the wallet asked for with the debit. */
  async function sochiAnswers(paymentId: string, answer: 'credit' | 'refuse') {
    const asked = await published('sochi.top-up-requested', paymentId);
    expect(asked.producer).toBe('wallet');
    const at = new Date().toISOString();
    const reply =
      answer === 'credit'
        ? buildEnvelope(
            SochiTopUpCreditedV1,
            { paymentId, inn: asked.payload.inn, amount: asked.payload.amount, creditedAt: at },
            'sochi-balance',
            asked,
          )
        : buildEnvelope(
            SochiTopUpRefusedV1,
            { paymentId, inn: asked.payload.inn, reason: 'UNKNOWN_INN', refusedAt: at },
            'sochi-balance',
            asked,
          );
    await tap.publish(reply);
  }
  async function autopayment(phone: string, favoriteId: string, extra: Record<string, unknown> = {}) {
    const res = await http(wallet.baseUrl, 'POST', `/v1/wallets/${phone}/autopayments`, {
      favoriteId,
      schedule: { kind: 'MONTHLY', dayOfMonth: 15, time: '12:00' },
      startAt: new Date().toISOString(),
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  }
  const lastRun = async (phone: string, id: string) =>
    (await http(wallet.baseUrl, 'GET', `/v1/wallets/${phone}/autopayments/${id}`)).body.runs[0];

  describe('pay from a favorite', () => {
    it('pays a favorite through the ordinary flow and announces the completed payment to the wallet', async () => {
      const phone = await fundedWallet('100.00');
      const fav = await favorite(phone, { service: 'SOCHI', account: INN, amount: '10.00' });
      const key = randomUUID();
      const res = await payFromFavorite({ phone, favoriteId: fav.id }, key);
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({
        status: 'PENDING',
        phone,
        service: 'SOCHI',
        account: INN,
        amount: '10.00',
        favoriteId: fav.id,
      });
      await sochiAnswers(res.body.id, 'credit');
      await eventually(async () => expect((await payment(res.body.id)).status).toBe('COMPLETED'));
      const completed = await published('payment.completed', res.body.id);
      expect(completed.payload).toEqual({
        paymentId: res.body.id,
        autopaymentRunId: null,
        phone,
        service: 'SOCHI',
        account: INN,
        amount: '1000',
        completedAt: expect.any(String),
      });
      expect(completed.correlationId).toBe(res.body.id);
      expect(await balance(phone)).toBe('90.00');
      await eventually(async () =>
        expect((await notifications(phone))[0]).toMatchObject({ kind: 'PAYMENT_COMPLETED', paymentId: res.body.id }),
      );

      // A retry with the same key is the same payment; the key with another amount is refused.
      const retry = await payFromFavorite({ phone, favoriteId: fav.id }, key);
      expect(retry.body).toMatchObject({ id: res.body.id, status: 'COMPLETED' });
      expect((await payFromFavorite({ phone, favoriteId: fav.id, amount: '11.00' }, key)).body.code).toBe(
        'IDEMPOTENCY_KEY_REUSED',
      );
    });

    it("takes the amount of the request over the favorite's, and needs one when the favorite has none", async () => {
      const phone = await fundedWallet('100.00');
      const fav = await favorite(phone, { service: 'SOCHI', account: INN });
      const noAmount = await payFromFavorite({ phone, favoriteId: fav.id });
      expect({ status: noAmount.status, code: noAmount.body.code, field: noAmount.body.errors?.[0]?.code }).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'AMOUNT_REQUIRED',
      });
      const res = await payFromFavorite({ phone, favoriteId: fav.id, amount: '7.50' });
      expect(res.body.amount).toBe('7.50');
    });

    it("refuses an unknown favorite, another wallet's favorite, an ЭЦП favorite with nothing due, and a reserved key", async () => {
      const phone = await fundedWallet('10.00');
      const other = await fundedWallet('10.00');
      const fav = await favorite(phone, { service: 'SOCHI', account: INN, amount: '1.00' });
      expect((await payFromFavorite({ phone, favoriteId: randomUUID() })).body.code).toBe('FAVORITE_NOT_FOUND');
      expect((await payFromFavorite({ phone: other, favoriteId: fav.id })).body.code).toBe('FAVORITE_NOT_FOUND');
      const ecp = await favorite(phone, { service: 'ECP', account: INVOICE });
      const nothing = await payFromFavorite({ phone, favoriteId: ecp.id });
      expect({ status: nothing.status, code: nothing.body.code, reason: nothing.body.reason }).toEqual({
        status: 422,
        code: 'NOTHING_DUE',
        reason: 'UNKNOWN_INVOICE',
      });
      expect((await payFromFavorite({ phone, favoriteId: fav.id }, `autopayment:${randomUUID()}`)).status).toBe(400);
      expect(
        (await http(router.baseUrl, 'POST', '/v1/payments/from-favorite', { phone, favoriteId: fav.id })).body.code,
      ).toBe('IDEMPOTENCY_KEY_REQUIRED');
      expect(await balance(phone)).toBe('10.00');
    });
  });

  describe('autopayment runs', () => {
    it('turns a due run into one payment with key autopayment:<runId>, however often the due event comes', async () => {
      const phone = await fundedWallet('100.00');
      const fav = await favorite(phone, { service: 'SOCHI', account: INN, amount: '30.00' });
      const ap = await autopayment(phone, fav.id);
      const due = await eventually(() => {
        const e = tap.eventsOf('wallet.autopayment-due').find((x) => x.payload.autopaymentId === ap.id);
        expect(e).toBeDefined();
        return e as Envelope<any>;
      });
      const paymentId = await eventually(async () => {
        const { rows } = await router.db.query(`SELECT id FROM payments WHERE idempotency_key = $1`, [
          `autopayment:${due.payload.runId}`,
        ]);
        expect(rows).toHaveLength(1);
        return rows[0].id as string;
      });
      // The same run again, as a redelivery under a new message id: no second payment.
      await tap.publish(
        buildEnvelope(WalletAutopaymentDueV1, due.payload, 'wallet', { correlationId: due.payload.runId }),
      );
      await sochiAnswers(paymentId, 'credit');
      const completed = await published('payment.completed', paymentId);
      expect(completed.payload.autopaymentRunId).toBe(due.payload.runId);
      await eventually(async () =>
        expect(await lastRun(phone, ap.id)).toMatchObject({ status: 'COMPLETED', paymentId, amount: '30.00' }),
      );
      await eventually(async () => expect(await tap.queueDepth('payment-router.events')).toBe(0));
      await new Promise((r) => setTimeout(r, 300));
      const { rows } = await router.db.query(`SELECT count(*)::int AS n FROM payments WHERE phone = $1`, [phone]);
      expect(rows[0].n).toBe(1);
      expect(await balance(phone)).toBe('70.00');
    });

    it('ends a run the wallet cannot cover REJECTED, and the wallet records the failure with its reason', async () => {
      const phone = await fundedWallet('1.00');
      const fav = await favorite(phone, { service: 'SOCHI', account: INN, amount: '30.00' });
      const ap = await autopayment(phone, fav.id);
      const run = await eventually(async () => {
        const r = await lastRun(phone, ap.id);
        expect(r).toMatchObject({ status: 'FAILED', reason: 'INSUFFICIENT_FUNDS' });
        return r;
      }, 20_000);
      expect((await payment(run.paymentId)).status).toBe('REJECTED');
      expect((await published('payment.rejected', run.paymentId)).payload).toMatchObject({
        autopaymentRunId: run.id,
        reason: 'INSUFFICIENT_FUNDS',
        amount: '3000',
      });
      expect((await notifications(phone))[0]).toMatchObject({ kind: 'AUTOPAYMENT_FAILED', autopaymentId: ap.id });
      expect(await balance(phone)).toBe('1.00');
    });

    it('ends an ЭЦП run with nothing due REJECTED without creating a payment', async () => {
      const phone = await fundedWallet('100.00');
      const fav = await favorite(phone, { service: 'ECP', account: INVOICE });
      const ap = await autopayment(phone, fav.id);
      const run = await eventually(async () => {
        const r = await lastRun(phone, ap.id);
        expect(r).toMatchObject({ status: 'FAILED', reason: 'UNKNOWN_INVOICE', paymentId: null });
        return r;
      }, 20_000);
      const { rows } = await router.db.query(`SELECT count(*)::int AS n FROM payments WHERE idempotency_key = $1`, [
        `autopayment:${run.id}`,
      ]);
      expect(rows[0].n).toBe(0);
    });
  });

  it("announces a refunded payment with the payee's reason, and the wallet tells the subscriber", async () => {
    const phone = await fundedWallet('50.00');
    const res = await http(
      router.baseUrl,
      'POST',
      '/v1/payments',
      { phone, service: 'SOCHI', account: '99999999999999', amount: '5.00' },
      { 'Idempotency-Key': randomUUID() },
    );
    await sochiAnswers(res.body.id, 'refuse');
    const refunded = await published('payment.refunded', res.body.id);
    expect(refunded.payload).toMatchObject({
      autopaymentRunId: null,
      reason: 'UNKNOWN_INN',
      amount: '500',
      account: '99999999999999',
    });
    expect((await payment(res.body.id)).status).toBe('REFUNDED');
    await eventually(async () =>
      expect((await notifications(phone))[0]).toMatchObject({ kind: 'PAYMENT_REFUNDED', paymentId: res.body.id }),
    );
    expect(await balance(phone)).toBe('50.00');
  });
});
