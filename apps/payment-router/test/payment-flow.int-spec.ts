import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  EcpInvoicePaidV1,
  EcpInvoicePaymentRefusedV1,
  EcpInvoicePaymentRequestedV1,
  SochiTopUpCreditedV1,
  SochiTopUpRefusedV1,
  SochiTopUpRequestedV1,
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
  /** What the router itself published about a payment, in order (its outbox): never a request to a payee. */
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
  /** Plays the wallet debiting an ЭЦП payment: it asks ecp-invoicing to pay the invoice itself, as for СОЧИ. */
  const walletAsksEcp = (requested: Envelope<any>) =>
    buildEnvelope(
      EcpInvoicePaymentRequestedV1,
      {
        paymentId: requested.payload.paymentId,
        invoiceNumber: requested.payload.account,
        amount: requested.payload.amount,
        payerPhone: requested.payload.phone,
        requestedAt: now(),
      },
      'wallet',
      requested,
    );
  /**
   * A payment as a release before the routing slip left it: the wallet reported the debit, the router recorded it and
   * asked the payee itself, and the payee's answer is still on its way.
   */
  const leftAwaitingPayee = async (id: string) => {
    await svc.db.query(`UPDATE payments SET stage = 'AWAITING_PAYEE' WHERE id = $1`, [id]);
    await svc.db.query(`INSERT INTO payment_steps (payment_id, stage, at) VALUES ($1, 'AWAITING_PAYEE', now())`, [id]);
  };
  /**
   * The payee took a payment still awaiting its debit (its answer `took` published twice): the payment is COMPLETED,
   * both steps the answer brought name it as their cause, and `payment.completed` follows from it.
   */
  const completedByAnswer = async (id: string, took: Envelope) => {
    await tap.publish(took);
    await tap.publish(took); // redelivered: changes nothing
    await eventually(async () => expect((await status(id)).status).toBe('COMPLETED'));
    expect(await stagesOf(id)).toEqual(['AWAITING_DEBIT', 'AWAITING_PAYEE', 'COMPLETED']);
    const { rows } = await svc.db.query(
      `SELECT stage, cause_message_id FROM payment_steps WHERE payment_id = $1 AND stage <> 'AWAITING_DEBIT' ORDER BY id`,
      [id],
    );
    expect(rows).toEqual([
      { stage: 'AWAITING_PAYEE', cause_message_id: took.messageId },
      { stage: 'COMPLETED', cause_message_id: took.messageId },
    ]);
    const completed = await published('payment.completed', id);
    expect(completed).toMatchObject({ correlationId: id, causationId: took.messageId });
    expect(await sentBy(id)).toEqual(['payment.requested.v1', 'payment.completed.v1']);
    return completed;
  };
  /**
   * The payee refused a payment still awaiting its debit (its answer `refused` just published, perhaps again): the
   * router asks the wallet for the refund once, caused by the refusal, and the wallet's refund ends it REFUNDED.
   */
  const refundedAfterRefusal = async (id: string, refused: Envelope, amount: string, reason: string) => {
    const refund = await published('payment.refund-requested', id);
    expect(refund).toMatchObject({ correlationId: id, causationId: refused.messageId, producer: 'payment-router' });
    expect(refund.payload).toMatchObject({ phone: PHONE, amount, reason });
    expect(await status(id)).toMatchObject({ status: 'PENDING', stage: 'AWAITING_REFUND', reason });
    expect(await stagesOf(id)).toEqual(['AWAITING_DEBIT', 'AWAITING_PAYEE', 'AWAITING_REFUND']);
    await reply(WalletPaymentRefundedV1, { paymentId: id, phone: PHONE, amount, refundedAt: now() }, refund);
    await eventually(async () => expect(await status(id)).toMatchObject({ status: 'REFUNDED', reason }));
    await svc.flushOutbox();
    expect(await sentBy(id)).toEqual(['payment.requested.v1', 'payment.refund-requested.v1', 'payment.refunded.v1']);
    expect(tap.eventsOf('payment.refund-requested').filter((e) => e.payload.paymentId === id)).toHaveLength(1);
  };

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
      await completedByAnswer(body.id, credited);
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
      await refundedAfterRefusal(body.id, refused, '1234', 'UNKNOWN_INN');
    });
  });

  describe('an ЭЦП payment, which the wallet sends to ecp-invoicing itself (routing slip)', () => {
    it('completes when ecp-invoicing reports the invoice paid while it awaits the debit, the debit a step on the way', async () => {
      const { body } = await pay({ phone: PHONE, service: 'ECP', account: INVOICE, amount: '15.10' });
      const requested = await published('payment.requested', body.id);
      expect(requested.payload).toMatchObject({ service: 'ECP', account: INVOICE, amount: '1510' });
      const paid = buildEnvelope(
        EcpInvoicePaidV1,
        { paymentId: body.id, invoiceNumber: INVOICE, amount: '1510', paidAt: now() },
        'ecp-invoicing',
        walletAsksEcp(requested),
      );
      const completed = await completedByAnswer(body.id, paid);
      expect(completed.payload).toMatchObject({ service: 'ECP', account: INVOICE, amount: '1510' });
    });

    it('asks the wallet for a refund, once, when ecp-invoicing refuses it while it awaits the debit, and ends it REFUNDED', async () => {
      const { body } = await pay({ phone: PHONE, service: 'ECP', account: INVOICE, amount: '1510.00' });
      const requested = await published('payment.requested', body.id);
      const refused = buildEnvelope(
        EcpInvoicePaymentRefusedV1,
        { paymentId: body.id, invoiceNumber: INVOICE, reason: 'INVOICE_EXPIRED', amountDue: null, refusedAt: now() },
        'ecp-invoicing',
        walletAsksEcp(requested),
      );
      await tap.publish(refused);
      await tap.publish(refused);
      await tap.publish({ ...refused, messageId: randomUUID() }); // the same answer again under another id
      await refundedAfterRefusal(body.id, refused, '151000', 'INVOICE_EXPIRED');
    });

    it('still takes the answer to a payment a release before the slip left awaiting its payee', async () => {
      const paidFor = (await pay({ phone: PHONE, service: 'ECP', account: INVOICE, amount: '3.00' })).body;
      const refusedFor = (await pay({ phone: PHONE, service: 'ECP', account: INVOICE, amount: '4.00' })).body;
      // That release's router asked ecp-invoicing itself: the answers' cause is its request.
      const routerAsked = async (id: string) => {
        const requested = await published('payment.requested', id);
        await leftAwaitingPayee(id);
        return { ...walletAsksEcp(requested), producer: 'payment-router' as const };
      };
      await reply(
        EcpInvoicePaidV1,
        { paymentId: paidFor.id, invoiceNumber: INVOICE, amount: '300', paidAt: now() },
        await routerAsked(paidFor.id),
      );
      await reply(
        EcpInvoicePaymentRefusedV1,
        {
          paymentId: refusedFor.id,
          invoiceNumber: INVOICE,
          reason: 'AMOUNT_MISMATCH',
          amountDue: '151000',
          refusedAt: now(),
        },
        await routerAsked(refusedFor.id),
      );
      await eventually(async () => expect((await status(paidFor.id)).status).toBe('COMPLETED'));
      expect(await stagesOf(paidFor.id)).toEqual(['AWAITING_DEBIT', 'AWAITING_PAYEE', 'COMPLETED']);
      const refund = await published('payment.refund-requested', refusedFor.id);
      expect(refund.payload).toMatchObject({ amount: '400', reason: 'AMOUNT_MISMATCH' });
      expect(await stagesOf(refusedFor.id)).toEqual(['AWAITING_DEBIT', 'AWAITING_PAYEE', 'AWAITING_REFUND']);
      expect(await sentBy(paidFor.id)).toEqual(['payment.requested.v1', 'payment.completed.v1']);
    });
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
    const paidA = report(
      EcpInvoicePaidV1,
      { paymentId: a.id, invoiceNumber: INVOICE, amount: '300', paidAt: now() },
      walletAsksEcp(ra),
      { kind: 'delivered' },
    );
    const creditedC = report(
      SochiTopUpCreditedV1,
      { paymentId: c.id, inn: INN, amount: '500', creditedAt: now() },
      walletAsksSochi(rc),
      { kind: 'delivered' },
    );
    const refusedB = report(
      EcpInvoicePaymentRefusedV1,
      { paymentId: b.id, invoiceNumber: INVOICE, reason: 'INVOICE_EXPIRED', amountDue: null, refusedAt: now() },
      walletAsksEcp(rb),
      { kind: 'refused', reason: 'INVOICE_EXPIRED' },
    );
    // The wallet's refund of b, caused by the refund request the refusal brings: right only after the refusal.
    const refundedB = report(
      WalletPaymentRefundedV1,
      { paymentId: b.id, phone: PHONE, amount: '400', refundedAt: now() },
      refusedB,
      { kind: 'refunded' },
    );
    await handler.handleBatch([paidA, refusedB, creditedC, refundedB, paidA, creditedC]);
    for (const id of [a.id, c.id])
      expect(await stagesOf(id)).toEqual(['AWAITING_DEBIT', 'AWAITING_PAYEE', 'COMPLETED']);
    expect(await stagesOf(b.id)).toEqual(['AWAITING_DEBIT', 'AWAITING_PAYEE', 'AWAITING_REFUND', 'REFUNDED']);
    expect(await status(b.id)).toMatchObject({ status: 'REFUNDED', reason: 'INVOICE_EXPIRED' });
    await published('payment.completed', a.id);
    await published('payment.completed', c.id);
    await published('payment.refunded', b.id);
    expect(await sentBy(b.id)).toEqual(['payment.requested.v1', 'payment.refund-requested.v1', 'payment.refunded.v1']);

    // A report about an unknown payment fails the whole batch: nothing of it is kept, not even the debits the answers
    // imply (the consumer then applies each report on its own, and only that one parks).
    const [d, e] = [
      (await pay({ phone: PHONE, service: 'SOCHI', account: INN, amount: '6' })).body,
      (await pay({ phone: PHONE, service: 'ECP', account: INVOICE, amount: '7' })).body,
    ];
    const [rd, re] = [await published('payment.requested', d.id), await published('payment.requested', e.id)];
    await expect(
      handler.handleBatch([
        report(
          SochiTopUpCreditedV1,
          { paymentId: d.id, inn: INN, amount: '600', creditedAt: now() },
          walletAsksSochi(rd),
          { kind: 'delivered' },
        ),
        report(
          EcpInvoicePaidV1,
          { paymentId: e.id, invoiceNumber: INVOICE, amount: '700', paidAt: now() },
          walletAsksEcp(re),
          { kind: 'delivered' },
        ),
        report(
          EcpInvoicePaidV1,
          { paymentId: randomUUID(), invoiceNumber: INVOICE, amount: '1', paidAt: now() },
          walletAsksEcp(re),
          { kind: 'delivered' },
        ),
      ]),
    ).rejects.toThrow(/no payment/);
    for (const id of [d.id, e.id]) {
      expect(await stagesOf(id)).toEqual(['AWAITING_DEBIT']);
      expect(await sentBy(id)).toEqual(['payment.requested.v1']);
    }
  });

  it('never holds a request to a payee in its outbox: the wallet sends every debited payment on itself', async () => {
    await svc.flushOutbox();
    const keys = (await svc.db.query(`SELECT DISTINCT routing_key FROM outbox`)).rows.map((r) => r.routing_key);
    expect(keys).toEqual(
      expect.arrayContaining(['payment.requested.v1', 'payment.completed.v1', 'payment.refund-requested.v1']),
    );
    expect(keys).not.toContain('ecp.invoice-payment-requested.v1');
    expect(keys).not.toContain('sochi.top-up-requested.v1');
    // Nor did the broker carry one: the tests only play the wallet's requests as the causes of the answers.
    expect(tap.eventsOf('ecp.invoice-payment-requested')).toEqual([]);
    expect(tap.eventsOf('sochi.top-up-requested')).toEqual([]);
  });
});
