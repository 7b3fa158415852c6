import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  EcpInvoicePaidV1,
  EcpInvoicePaymentRefusedV1,
  SochiTopUpCreditedV1,
  SochiTopUpRefusedV1,
  SochiTopUpRequestedV1,
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
  const stagesOf = async (id: string) => (await status(id)).steps.map((s: { stage: string }) => s.stage);
  /** What the router itself published about a payment, in order (its outbox): never a top-up request. */
  const sentBy = async (id: string) =>
    (
      await svc.db.query(`SELECT routing_key FROM outbox WHERE envelope->'payload'->>'paymentId' = $1 ORDER BY id`, [
        id,
      ])
    ).rows.map((r) => r.routing_key as string);
  /**
   * Plays the wallet debiting a СОЧИ payment: it asks sochi-balance for the top-up itself (routing slip), so the router
   * hears nothing; the request is only the cause of sochi-balance's answer.
   */
  const walletAsksSochi = (requested: Envelope<any>) =>
    buildEnvelope(
      SochiTopUpRequestedV1,
      {
        paymentId: requested.payload.paymentId,
        inn: requested.payload.account,
        amount: requested.payload.amount,
        payerPhone: requested.payload.phone,
        requestedAt: now(),
      },
      'wallet',
      requested,
    );

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

  describe('a СОЧИ payment, which the wallet sends to sochi-balance itself (routing slip)', () => {
    it('completes when sochi-balance credits it while it awaits the debit, the debit a step on the way', async () => {
      const { body } = await pay({ phone: PHONE, service: 'SOCHI', account: INN, amount: '10' });
      const topUp = walletAsksSochi(await published('payment.requested', body.id));
      const credited = buildEnvelope(
        SochiTopUpCreditedV1,
        { paymentId: body.id, inn: INN, amount: '1000', creditedAt: now() },
        'sochi-balance',
        topUp,
      );
      await tap.publish(credited);
      await tap.publish(credited); // redelivered: changes nothing
      await eventually(async () => expect((await status(body.id)).status).toBe('COMPLETED'));
      expect(await stagesOf(body.id)).toEqual(['AWAITING_DEBIT', 'AWAITING_PAYEE', 'COMPLETED']);
      // Both steps the credit brought name it as their cause.
      const { rows } = await svc.db.query(
        `SELECT stage, cause_message_id FROM payment_steps WHERE payment_id = $1 AND stage <> 'AWAITING_DEBIT' ORDER BY id`,
        [body.id],
      );
      expect(rows).toEqual([
        { stage: 'AWAITING_PAYEE', cause_message_id: credited.messageId },
        { stage: 'COMPLETED', cause_message_id: credited.messageId },
      ]);
      const completed = await published('payment.completed', body.id);
      expect(completed).toMatchObject({ correlationId: body.id, causationId: credited.messageId });
      expect(await sentBy(body.id)).toEqual(['payment.requested.v1', 'payment.completed.v1']);
    });

    it('asks the wallet for a refund when sochi-balance refuses it while it awaits the debit', async () => {
      const { body } = await pay({ phone: PHONE, service: 'SOCHI', account: '99999999999999', amount: '12.34' });
      const topUp = walletAsksSochi(await published('payment.requested', body.id));
      const refused = buildEnvelope(
        SochiTopUpRefusedV1,
        { paymentId: body.id, inn: '99999999999999', reason: 'UNKNOWN_INN', refusedAt: now() },
        'sochi-balance',
        topUp,
      );
      await tap.publish(refused);
      await tap.publish({ ...refused, messageId: randomUUID() }); // the same answer again under another id
      const refund = await published('payment.refund-requested', body.id);
      expect(refund).toMatchObject({
        correlationId: body.id,
        causationId: refused.messageId,
        producer: 'payment-router',
      });
      expect(refund.payload).toMatchObject({ phone: PHONE, amount: '1234', reason: 'UNKNOWN_INN' });
      expect(await status(body.id)).toMatchObject({
        status: 'PENDING',
        stage: 'AWAITING_REFUND',
        reason: 'UNKNOWN_INN',
      });
      expect(await stagesOf(body.id)).toEqual(['AWAITING_DEBIT', 'AWAITING_PAYEE', 'AWAITING_REFUND']);
      await reply(
        WalletPaymentRefundedV1,
        { paymentId: body.id, phone: PHONE, amount: '1234', refundedAt: now() },
        refund,
      );
      await eventually(async () =>
        expect(await status(body.id)).toMatchObject({ status: 'REFUNDED', reason: 'UNKNOWN_INN' }),
      );
      await svc.flushOutbox();
      expect(await sentBy(body.id)).toEqual([
        'payment.requested.v1',
        'payment.refund-requested.v1',
        'payment.refunded.v1',
      ]);
    });

    it('parks a debit the wallet reports for it, sends nothing on, and still takes the payee’s answer', async () => {
      await takeParked(svc.db);
      const { body } = await pay({ phone: PHONE, service: 'SOCHI', account: INN, amount: '7' });
      const requested = await published('payment.requested', body.id);
      const debited = buildEnvelope(
        WalletPaymentDebitedV1,
        { paymentId: body.id, phone: PHONE, amount: '700', debitedAt: now() },
        'wallet',
        requested,
      );
      await tap.publish(debited);
      const [parked] = await eventually(async () => {
        const found = await takeParked(svc.db);
        expect(found).toHaveLength(1);
        return found;
      });
      expect(parked).toMatchObject({ code: 'IMPOSSIBLE_TRANSITION', messageId: debited.messageId });
      expect(parked!.reason).toContain(`payment ${body.id}: the wallet reports no debit of a SOCHI payment`);
      expect(await status(body.id)).toMatchObject({ status: 'PENDING', stage: 'AWAITING_DEBIT' });
      expect(await stagesOf(body.id)).toEqual(['AWAITING_DEBIT']);
      expect(await sentBy(body.id)).toEqual(['payment.requested.v1']);

      await reply(
        SochiTopUpCreditedV1,
        { paymentId: body.id, inn: INN, amount: '700', creditedAt: now() },
        walletAsksSochi(requested),
      );
      await eventually(async () => expect((await status(body.id)).status).toBe('COMPLETED'));
    });
  });

  it('routes a debited ЭЦП payment to its invoice and completes it when the invoice is paid', async () => {
    const { body } = await pay({ phone: PHONE, service: 'ECP', account: INVOICE, amount: '15.10' });
    const requested = await published('payment.requested', body.id);
    await reply(
      WalletPaymentDebitedV1,
      { paymentId: body.id, phone: PHONE, amount: '1510', debitedAt: now() },
      requested,
    );
    const toInvoice = await published('ecp.invoice-payment-requested', body.id);
    expect(toInvoice.payload).toMatchObject({ invoiceNumber: INVOICE, amount: '1510', payerPhone: PHONE });
    expect(toInvoice.correlationId).toBe(body.id);
    await reply(
      EcpInvoicePaidV1,
      { paymentId: body.id, invoiceNumber: INVOICE, amount: '1510', paidAt: now() },
      toInvoice,
    );
    await eventually(async () => expect((await status(body.id)).status).toBe('COMPLETED'));
    expect(await stagesOf(body.id)).toEqual(['AWAITING_DEBIT', 'AWAITING_PAYEE', 'COMPLETED']);
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
    expect(await sentBy(body.id)).toEqual(['payment.requested.v1', 'payment.rejected.v1']);
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
    const [a, b, c] = [
      (await pay({ phone: PHONE, service: 'ECP', account: INVOICE, amount: '3' })).body,
      (await pay({ phone: PHONE, service: 'ECP', account: INVOICE, amount: '4' })).body,
      (await pay({ phone: PHONE, service: 'SOCHI', account: INN, amount: '5' })).body,
    ];
    const [ra, rb, rc] = [
      await published('payment.requested', a.id),
      await published('payment.requested', b.id),
      await published('payment.requested', c.id),
    ];
    const report = (def: Parameters<typeof buildEnvelope>[0], payload: any, cause: Envelope, fact: any) =>
      ({ ...buildEnvelope(def, payload, def.producer, cause), fact }) as Envelope<{ paymentId: string }> & {
        fact: any;
      };
    const debitedA = report(
      WalletPaymentDebitedV1,
      { paymentId: a.id, phone: PHONE, amount: '300', debitedAt: now() },
      ra,
      { kind: 'debited' },
    );
    const creditedC = report(
      SochiTopUpCreditedV1,
      { paymentId: c.id, inn: INN, amount: '500', creditedAt: now() },
      walletAsksSochi(rc),
      { kind: 'delivered' },
    );
    await handler.handleBatch([
      debitedA,
      report(EcpInvoicePaidV1, { paymentId: a.id, invoiceNumber: INVOICE, amount: '300', paidAt: now() }, ra, {
        kind: 'delivered',
      }),
      report(WalletPaymentDebitedV1, { paymentId: b.id, phone: PHONE, amount: '400', debitedAt: now() }, rb, {
        kind: 'debited',
      }),
      creditedC,
      debitedA,
      creditedC,
    ]);
    for (const id of [a.id, c.id])
      expect(await stagesOf(id)).toEqual(['AWAITING_DEBIT', 'AWAITING_PAYEE', 'COMPLETED']);
    expect(await stagesOf(b.id)).toEqual(['AWAITING_DEBIT', 'AWAITING_PAYEE']);
    await published('ecp.invoice-payment-requested', b.id);
    await published('payment.completed', a.id);
    await published('payment.completed', c.id);

    // A report about an unknown payment fails the whole batch: nothing of it is kept, not even the debit a credit
    // implies (the consumer then applies each report on its own, and only that one parks).
    const [d] = [(await pay({ phone: PHONE, service: 'SOCHI', account: INN, amount: '6' })).body];
    const rd = await published('payment.requested', d.id);
    await expect(
      handler.handleBatch([
        report(
          SochiTopUpCreditedV1,
          { paymentId: d.id, inn: INN, amount: '600', creditedAt: now() },
          walletAsksSochi(rd),
          {
            kind: 'delivered',
          },
        ),
        report(WalletPaymentDebitedV1, { paymentId: randomUUID(), phone: PHONE, amount: '1', debitedAt: now() }, rd, {
          kind: 'debited',
        }),
      ]),
    ).rejects.toThrow(/no payment/);
    expect(await stagesOf(d.id)).toEqual(['AWAITING_DEBIT']);
  });
});
