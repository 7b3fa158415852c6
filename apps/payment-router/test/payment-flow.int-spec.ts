import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  EcpInvoicePaymentRefusedV1,
  SochiTopUpCreditedV1,
  WalletPaymentDebitedV1,
  WalletPaymentRefundedV1,
  WalletPaymentRejectedV1,
  type Envelope,
} from '#contracts';
import { buildEnvelope } from '#messaging';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { takeParked, type Parked } from '../../../test/support/parked-store.js';
import { eventually } from '../../../test/support/eventually.js';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';

const PHONE = '996555000001';
const INN = '01234567890123';
const INVOICE = '4000000000000002';

describe('payment-router against real PostgreSQL and RabbitMQ', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    svc = await startService('payment-router', async () => (await import('../src/app.module.js')).AppModule);
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  const pay = (body: Record<string, unknown>, key: string | null = randomUUID()) =>
    http(svc.baseUrl, 'POST', '/v1/payments', body, key === null ? {} : { 'Idempotency-Key': key });
  const status = async (id: string) => (await http(svc.baseUrl, 'GET', `/v1/payments/${id}`)).body;
  const published = (type: string, paymentId: string) =>
    eventually(() => {
      const e = tap.eventsOf(type).find((x) => x.payload.paymentId === paymentId);
      expect(e).toBeDefined();
      return e as Envelope<any>;
    });
  const reply = (def: Parameters<typeof buildEnvelope>[0], payload: any, cause: Envelope) =>
    tap.publish(buildEnvelope(def, payload, def.producer, cause));
  const count = async (sql: string, params: unknown[] = []) => (await svc.db.query(sql, params)).rows[0].n as number;
  const now = () => new Date().toISOString();

  it('accepts a payment as PENDING and commits the request event with it', async () => {
    const res = await pay({ phone: PHONE, service: 'SOCHI', account: INN, amount: '150.00' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      status: 'PENDING',
      service: 'SOCHI',
      account: INN,
      amount: '150.00',
      phone: PHONE,
    });
    const requested = await published('payment.requested', res.body.id);
    expect(requested.payload).toMatchObject({ phone: PHONE, service: 'SOCHI', account: INN, amount: '15000' });
    expect(requested.correlationId).toBe(res.body.id);
  });

  it('routes a debited СОЧИ payment to sochi-balance and completes it when credited', async () => {
    const { body } = await pay({ phone: PHONE, service: 'SOCHI', account: INN, amount: '10' });
    const requested = await published('payment.requested', body.id);
    await reply(
      WalletPaymentDebitedV1,
      { paymentId: body.id, phone: PHONE, amount: '1000', debitedAt: now() },
      requested,
    );
    const topUp = await published('sochi.top-up-requested', body.id);
    expect(topUp.payload).toMatchObject({ inn: INN, amount: '1000', payerPhone: PHONE });
    expect(topUp.correlationId).toBe(body.id);
    await reply(SochiTopUpCreditedV1, { paymentId: body.id, inn: INN, amount: '1000', creditedAt: now() }, topUp);
    await eventually(async () => expect((await status(body.id)).status).toBe('COMPLETED'));
    expect((await status(body.id)).steps.map((s: { stage: string }) => s.stage)).toEqual([
      'AWAITING_DEBIT',
      'AWAITING_PAYEE',
      'COMPLETED',
    ]);
  });

  it('ends a payment the wallet rejects as REJECTED with the reason, sending nothing on', async () => {
    const { body } = await pay({ phone: PHONE, service: 'SOCHI', account: INN, amount: '1000000.00' });
    const requested = await published('payment.requested', body.id);
    await reply(
      WalletPaymentRejectedV1,
      { paymentId: body.id, phone: PHONE, reason: 'INSUFFICIENT_FUNDS', rejectedAt: now() },
      requested,
    );
    await eventually(async () =>
      expect(await status(body.id)).toMatchObject({ status: 'REJECTED', reason: 'INSUFFICIENT_FUNDS' }),
    );
    expect(tap.eventsOf('sochi.top-up-requested').some((e) => e.payload.paymentId === body.id)).toBe(false);
  });

  it('refunds an ЭЦП payment the invoice refuses, once, and ends it REFUNDED with the reason', async () => {
    const { body } = await pay({ phone: PHONE, service: 'ECP', account: INVOICE, amount: '1510.00' });
    const requested = await published('payment.requested', body.id);
    const debited = buildEnvelope(
      WalletPaymentDebitedV1,
      { paymentId: body.id, phone: PHONE, amount: '151000', debitedAt: now() },
      'wallet',
      requested,
    );
    await tap.publish(debited);
    await tap.publish({ ...debited, messageId: randomUUID() }); // the same fact again under another id
    const toInvoice = await published('ecp.invoice-payment-requested', body.id);
    expect(toInvoice.payload).toMatchObject({ invoiceNumber: INVOICE, amount: '151000' });
    const refused = buildEnvelope(
      EcpInvoicePaymentRefusedV1,
      { paymentId: body.id, invoiceNumber: INVOICE, reason: 'AMOUNT_MISMATCH', amountDue: '142000', refusedAt: now() },
      'ecp-invoicing',
      toInvoice,
    );
    await tap.publish(refused);
    await tap.publish(refused);
    const refund = await published('payment.refund-requested', body.id);
    expect(refund.payload).toMatchObject({ phone: PHONE, amount: '151000', reason: 'AMOUNT_MISMATCH' });
    await reply(
      WalletPaymentRefundedV1,
      { paymentId: body.id, phone: PHONE, amount: '151000', refundedAt: now() },
      refund,
    );
    await eventually(async () =>
      expect(await status(body.id)).toMatchObject({ status: 'REFUNDED', reason: 'AMOUNT_MISMATCH' }),
    );
    await svc.flushOutbox();
    expect(tap.eventsOf('ecp.invoice-payment-requested').filter((e) => e.payload.paymentId === body.id)).toHaveLength(
      1,
    );
    expect(tap.eventsOf('payment.refund-requested').filter((e) => e.payload.paymentId === body.id)).toHaveLength(1);
  });

  it('parks a report about an unknown payment and one that contradicts the payment history', async () => {
    await takeParked(svc.db);
    const unknown = randomUUID();
    await tap.publish(
      buildEnvelope(
        SochiTopUpCreditedV1,
        { paymentId: unknown, inn: INN, amount: '100', creditedAt: now() },
        'sochi-balance',
        { correlationId: unknown },
      ),
    );
    const { body } = await pay({ phone: PHONE, service: 'SOCHI', account: INN, amount: '1.00' });
    await published('payment.requested', body.id);
    await tap.publish(
      buildEnvelope(
        WalletPaymentRefundedV1,
        { paymentId: body.id, phone: PHONE, amount: '100', refundedAt: now() },
        'wallet',
        { correlationId: body.id },
      ),
    );
    const parked: Parked[] = [];
    await eventually(async () => {
      parked.push(...(await takeParked(svc.db)));
      expect(parked).toHaveLength(2);
    });
    expect(parked.map((p) => p.code).sort()).toEqual(['IMPOSSIBLE_TRANSITION', 'UNKNOWN_PAYMENT']);
    expect((await status(body.id)).status).toBe('PENDING');
  });

  describe('idempotency and input checks', () => {
    it('returns the same payment for the same key and body, and refuses the key with another body', async () => {
      const key = randomUUID();
      const first = await pay({ phone: PHONE, service: 'SOCHI', account: INN, amount: '5.00' }, key);
      const again = await pay({ phone: PHONE, service: 'SOCHI', account: INN, amount: '5' }, key);
      expect(again.status).toBe(202);
      expect(again.body.id).toBe(first.body.id);
      const other = await pay({ phone: PHONE, service: 'SOCHI', account: INN, amount: '6.00' }, key);
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(
        await count(`SELECT count(*)::int AS n FROM payments WHERE idempotency_key = $1`, [
          `partner:megapay-dev/${key}`,
        ]),
      ).toBe(1);
    });

    it('creates one payment when the same key arrives concurrently', async () => {
      const key = randomUUID();
      const results = await Promise.all(
        Array.from({ length: 8 }, () => pay({ phone: PHONE, service: 'SOCHI', account: INN, amount: '2.00' }, key)),
      );
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(
        await count(`SELECT count(*)::int AS n FROM outbox WHERE envelope->'payload'->>'paymentId' = $1`, [
          results[0].body.id,
        ]),
      ).toBe(1);
    });

    it.each([
      [{ phone: PHONE, service: 'SOCHI', account: '123', amount: '1.00' }, 'INVALID_INN'],
      [{ phone: PHONE, service: 'ECP', account: INN, amount: '1.00' }, 'INVALID_INVOICE_NUMBER'],
      [{ phone: PHONE, service: 'ECP', account: '4000000000000003', amount: '1.00' }, 'INVALID_INVOICE_NUMBER'], // one digit mistyped (Luhn)
      [{ phone: PHONE, service: 'SOCHI', account: INN, amount: '1.001' }, 'INVALID_AMOUNT'],
      [{ phone: PHONE, service: 'SOCHI', account: INN, amount: 150 }, 'INVALID_AMOUNT'],
      [{ phone: PHONE, service: 'SOCHI', account: INN, amount: '0.00' }, 'INVALID_AMOUNT'],
      [{ phone: PHONE, service: 'SOCHI', account: INN, amount: '1000000.01' }, 'INVALID_AMOUNT'],
      [{ phone: '0555000001', service: 'SOCHI', account: INN, amount: '1.00' }, 'INVALID_PHONE'],
      [{ phone: PHONE, service: 'GAS', account: INN, amount: '1.00' }, 'INVALID_SERVICE'],
    ])('refuses %j with 400 (%s) and creates nothing', async (body, fieldCode) => {
      const before = await count(`SELECT count(*)::int AS n FROM payments`);
      const res = await pay(body);
      expect(res.status).toBe(400);
      expect(res.contentType).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { code: string }) => e.code)).toContain(fieldCode);
      expect(await count(`SELECT count(*)::int AS n FROM payments`)).toBe(before);
    });

    it('refuses a mistyped invoice number at check too, before asking anyone', async () => {
      const res = await http(svc.baseUrl, 'POST', '/v1/payments/check', {
        phone: PHONE,
        service: 'ECP',
        account: '4000000000000020',
        amount: '1510.00',
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field: 'account', code: 'INVALID_INVOICE_NUMBER' })],
      });
    });

    it('requires an Idempotency-Key', async () => {
      const res = await pay({ phone: PHONE, service: 'SOCHI', account: INN, amount: '1.00' }, null);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    });

    it('answers 404 for an unknown payment and 400 for a malformed id or body', async () => {
      expect((await http(svc.baseUrl, 'GET', `/v1/payments/${randomUUID()}`)).body.code).toBe('PAYMENT_NOT_FOUND');
      expect((await http(svc.baseUrl, 'GET', `/v1/payments/nope`)).status).toBe(400);
      const broken = await http(svc.baseUrl, 'POST', '/v1/payments', '{"phone":', { 'Idempotency-Key': 'k' });
      expect(broken.status).toBe(400);
      expect(broken.body.code).toBe('MALFORMED_REQUEST');
    });

    it('lists the two services with their account rules', async () => {
      const res = await http(svc.baseUrl, 'GET', '/v1/services');
      expect(
        res.body.items.map((s: { code: string; account: { length: number } }) => [s.code, s.account.length]),
      ).toEqual([
        ['SOCHI', 14],
        ['ECP', 16],
      ]);
    });
  });

  it('applies several reports of a batch in one transaction, two of one payment in delivery order', async () => {
    const { TrackPaymentHandler } = await import('../src/track-payment/track-payment.handler.js');
    const handler = svc.app.get(TrackPaymentHandler);
    const [a, b] = [
      (await pay({ phone: PHONE, service: 'SOCHI', account: INN, amount: '3' })).body,
      (await pay({ phone: PHONE, service: 'SOCHI', account: INN, amount: '4' })).body,
    ];
    const [ra, rb] = [await published('payment.requested', a.id), await published('payment.requested', b.id)];
    const report = (def: Parameters<typeof buildEnvelope>[0], payload: any, cause: Envelope, fact: any) =>
      ({ ...buildEnvelope(def, payload, def.producer, cause), fact }) as Envelope<{ paymentId: string }> & {
        fact: any;
      };
    const debitedA = report(
      WalletPaymentDebitedV1,
      { paymentId: a.id, phone: PHONE, amount: '300', debitedAt: now() },
      ra,
      {
        kind: 'debited',
      },
    );
    await handler.handleBatch([
      debitedA,
      report(SochiTopUpCreditedV1, { paymentId: a.id, inn: INN, amount: '300', creditedAt: now() }, ra, {
        kind: 'delivered',
      }),
      report(WalletPaymentDebitedV1, { paymentId: b.id, phone: PHONE, amount: '400', debitedAt: now() }, rb, {
        kind: 'debited',
      }),
      debitedA,
    ]);
    expect((await status(a.id)).steps.map((s: { stage: string }) => s.stage)).toEqual([
      'AWAITING_DEBIT',
      'AWAITING_PAYEE',
      'COMPLETED',
    ]);
    expect((await status(b.id)).status).toBe('PENDING');
    await published('sochi.top-up-requested', b.id);
    await published('payment.completed', a.id);

    // A report about an unknown payment fails the whole batch: nothing of it is kept (the consumer then applies each
    // report on its own, and only that one parks).
    const [c] = [(await pay({ phone: PHONE, service: 'SOCHI', account: INN, amount: '5' })).body];
    const rc = await published('payment.requested', c.id);
    await expect(
      handler.handleBatch([
        report(WalletPaymentDebitedV1, { paymentId: c.id, phone: PHONE, amount: '500', debitedAt: now() }, rc, {
          kind: 'debited',
        }),
        report(WalletPaymentDebitedV1, { paymentId: randomUUID(), phone: PHONE, amount: '1', debitedAt: now() }, rc, {
          kind: 'debited',
        }),
      ]),
    ).rejects.toThrow(/no payment/);
    expect((await status(c.id)).steps.map((s: { stage: string }) => s.stage)).toEqual(['AWAITING_DEBIT']);
  });
});
