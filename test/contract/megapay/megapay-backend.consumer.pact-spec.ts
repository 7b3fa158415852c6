import { describe, expect, it } from '@jest/globals';
import { MatchersV3, PactV3 } from '@pact-foundation/pact';
import { PACT_DIR } from '../support/message-pact.js';

const { like, regex, uuid, eachLike, fromProviderState } = MatchersV3;

const PHONE = '996555000001';
const INN = '01234567890123';
const SOM = '^-?(0|[1-9][0-9]*)\\.[0-9]{2}$';
const PROBLEM = { 'Content-Type': regex('^application/problem\\+json.*', 'application/problem+json; charset=utf-8') };
const JSON_BODY = { 'Content-Type': regex('^application/json.*', 'application/json; charset=utf-8') };

/**
 * The payment-router API as the MegaPay backend uses it: check, pay with an Idempotency-Key, poll the status,
 * and the error codes it branches on. Written from MegaPay's side; verified against the running router.
 */
const pact = new PactV3({
  consumer: 'megapay-backend',
  provider: 'payment-router-api',
  dir: PACT_DIR,
  logLevel: 'error',
});

const call = (base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method,
    headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });

describe('the MegaPay backend, as a consumer of the payment API', () => {
  it('checks a СОЧИ payment before paying', async () => {
    pact
      .given('a wallet with 5000.00 som and a registered organization')
      .uponReceiving('a check of a СОЧИ payment the wallet covers')
      .withRequest({
        method: 'POST',
        path: '/v1/payments/check',
        body: { phone: PHONE, service: 'SOCHI', account: INN, amount: '150.00' },
      })
      .willRespondWith({
        status: 200,
        headers: JSON_BODY,
        body: {
          payable: true,
          problems: [],
          holderName: like('ОсОО «Демо Организация»'),
          amountDue: null,
          wallet: { balance: regex(SOM, '5000.00'), availableThisMonth: regex(SOM, '60000.00') },
        },
      });
    await pact.executeTest(async (server) => {
      const res = await call(server.url, 'POST', '/v1/payments/check', {
        phone: PHONE,
        service: 'SOCHI',
        account: INN,
        amount: '150.00',
      });
      expect(((await res.json()) as { payable: boolean }).payable).toBe(true);
    });
  });

  it('learns why a payment cannot be made', async () => {
    pact
      .given('a wallet with 67.38 som and a registered organization')
      .uponReceiving('a check of a payment the wallet cannot cover')
      .withRequest({
        method: 'POST',
        path: '/v1/payments/check',
        body: { phone: '996555000002', service: 'SOCHI', account: INN, amount: '100.00' },
      })
      .willRespondWith({
        status: 200,
        headers: JSON_BODY,
        body: {
          payable: false,
          problems: eachLike({ code: 'INSUFFICIENT_FUNDS', message: like('Недостаточно средств на балансе кошелька') }),
        },
      });
    await pact.executeTest(async (server) => {
      const res = await call(server.url, 'POST', '/v1/payments/check', {
        phone: '996555000002',
        service: 'SOCHI',
        account: INN,
        amount: '100.00',
      });
      expect(((await res.json()) as { problems: { code: string }[] }).problems[0].code).toBe('INSUFFICIENT_FUNDS');
    });
  });

  it('pays with an Idempotency-Key and gets the payment id at once', async () => {
    pact
      .given('a wallet with 5000.00 som and a registered organization')
      .uponReceiving('a СОЧИ payment')
      .withRequest({
        method: 'POST',
        path: '/v1/payments',
        headers: { 'Idempotency-Key': regex('^.{1,200}$', 'megapay-7d1f0c') },
        body: { phone: PHONE, service: 'SOCHI', account: INN, amount: '150.00' },
      })
      .willRespondWith({
        status: 202,
        headers: {
          ...JSON_BODY,
          Location: regex('^/v1/payments/[0-9a-f-]{36}$', '/v1/payments/6b2f1c8e-4a7d-4f3b-9a51-2f0c7d9e8a11'),
        },
        body: {
          id: uuid(),
          status: regex('^(PENDING|COMPLETED|REJECTED|REFUNDED)$', 'PENDING'),
          amount: '150.00',
          service: 'SOCHI',
          account: INN,
        },
      });
    await pact.executeTest(async (server) => {
      const res = await call(
        server.url,
        'POST',
        '/v1/payments',
        { phone: PHONE, service: 'SOCHI', account: INN, amount: '150.00' },
        { 'Idempotency-Key': 'megapay-7d1f0c' },
      );
      expect(res.status).toBe(202);
    });
  });

  it('polls the status of a payment until it is final', async () => {
    pact
      .given('a completed СОЧИ payment')
      .uponReceiving('a status request for a completed payment')
      .withRequest({
        method: 'GET',
        path: fromProviderState('/v1/payments/${id}', '/v1/payments/6b2f1c8e-4a7d-4f3b-9a51-2f0c7d9e8a11'),
      })
      .willRespondWith({
        status: 200,
        headers: JSON_BODY,
        body: {
          id: uuid(),
          status: 'COMPLETED',
          reason: null,
          amount: regex(SOM, '150.00'),
          steps: eachLike({ stage: like('COMPLETED'), at: like('2026-11-26T08:30:00.000Z') }),
        },
      });
    await pact.executeTest(async (server) => {
      const res = await call(server.url, 'GET', '/v1/payments/6b2f1c8e-4a7d-4f3b-9a51-2f0c7d9e8a11');
      expect(((await res.json()) as { status: string }).status).toBe('COMPLETED');
    });
  });

  it('is told when an Idempotency-Key was already used for another payment', async () => {
    pact
      .given('a payment made with Idempotency-Key megapay-reused-1')
      .uponReceiving('a different payment with a reused Idempotency-Key')
      .withRequest({
        method: 'POST',
        path: '/v1/payments',
        headers: { 'Idempotency-Key': 'megapay-reused-1' },
        body: { phone: PHONE, service: 'SOCHI', account: INN, amount: '999.00' },
      })
      .willRespondWith({
        status: 422,
        headers: PROBLEM,
        body: { code: 'IDEMPOTENCY_KEY_REUSED', status: 422, detail: like('…') },
      });
    await pact.executeTest(async (server) => {
      const res = await call(
        server.url,
        'POST',
        '/v1/payments',
        { phone: PHONE, service: 'SOCHI', account: INN, amount: '999.00' },
        { 'Idempotency-Key': 'megapay-reused-1' },
      );
      expect(((await res.json()) as { code: string }).code).toBe('IDEMPOTENCY_KEY_REUSED');
    });
  });

  it('is told which field is wrong', async () => {
    pact
      .uponReceiving('a payment with an INN that is not 14 digits')
      .withRequest({
        method: 'POST',
        path: '/v1/payments',
        headers: { 'Idempotency-Key': regex('^.{1,200}$', 'megapay-bad-inn') },
        body: { phone: PHONE, service: 'SOCHI', account: '123', amount: '150.00' },
      })
      .willRespondWith({
        status: 400,
        headers: PROBLEM,
        body: { code: 'VALIDATION_FAILED', errors: eachLike({ field: 'account', code: 'INVALID_INN' }) },
      });
    await pact.executeTest(async (server) => {
      const res = await call(
        server.url,
        'POST',
        '/v1/payments',
        { phone: PHONE, service: 'SOCHI', account: '123', amount: '150.00' },
        { 'Idempotency-Key': 'megapay-bad-inn' },
      );
      expect(res.status).toBe(400);
    });
  });

  it('must send an Idempotency-Key', async () => {
    pact
      .uponReceiving('a payment without an Idempotency-Key')
      .withRequest({
        method: 'POST',
        path: '/v1/payments',
        body: { phone: PHONE, service: 'SOCHI', account: INN, amount: '150.00' },
      })
      .willRespondWith({ status: 400, headers: PROBLEM, body: { code: 'IDEMPOTENCY_KEY_REQUIRED' } });
    await pact.executeTest(async (server) => {
      const res = await call(server.url, 'POST', '/v1/payments', {
        phone: PHONE,
        service: 'SOCHI',
        account: INN,
        amount: '150.00',
      });
      expect(res.status).toBe(400);
    });
  });

  it('is told when a payment does not exist', async () => {
    pact
      .uponReceiving('a status request for an unknown payment')
      .withRequest({ method: 'GET', path: '/v1/payments/00000000-0000-4000-8000-000000000000' })
      .willRespondWith({ status: 404, headers: PROBLEM, body: { code: 'PAYMENT_NOT_FOUND' } });
    await pact.executeTest(async (server) => {
      expect((await call(server.url, 'GET', '/v1/payments/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    });
  });
});
