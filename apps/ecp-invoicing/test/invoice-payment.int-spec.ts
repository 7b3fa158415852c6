import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { EcpInvoicePaidV1, EcpInvoicePaymentRequestedV1, type Envelope } from '#contracts';
import { buildEnvelope } from '#messaging';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { takeParked } from '../../../test/support/parked-store.js';
import { eventually } from '../../../test/support/eventually.js';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';

const QUEUE = 'ecp-invoicing.events';

describe('ecp-invoicing payments and signature production against real PostgreSQL and RabbitMQ', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    svc = await startService('ecp-invoicing', async () => (await import('../src/app.module.js')).AppModule);
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  /** A new client's invoice for DIRECTOR_CLOUD, its price set to `price` first (every invoice is a registration's, at its product's price). */
  async function issue(price = '1510.00'): Promise<string> {
    const priced = await http(svc.baseUrl, 'PUT', '/v1/ecp/products/DIRECTOR_CLOUD', { price });
    expect(priced.status).toBe(200);
    const res = await http(svc.baseUrl, 'POST', '/v1/ecp/registrations', {
      office: 'JALAL_ABAD',
      organizationName: 'ОсОО Клиент',
      inn: '01234567890123',
      signerName: 'Клиентов Азамат',
      signerRole: 'Директор',
      phone: '996555123456',
      productCode: 'DIRECTOR_CLOUD',
    });
    expect(res.status).toBe(201);
    expect(res.body.invoice.amount).toBe(price);
    return res.body.invoice.number;
  }

  const paymentRequest = (invoiceNumber: string, amount: string, paymentId = randomUUID()) =>
    buildEnvelope(
      EcpInvoicePaymentRequestedV1,
      { paymentId, invoiceNumber, amount, payerPhone: '996555000001', requestedAt: new Date().toISOString() },
      'wallet',
      { correlationId: paymentId },
    );

  const eventFor = (type: string, paymentId: string) =>
    eventually(() => {
      const [e] = tap.eventsOf(type).filter((x) => x.payload.paymentId === paymentId);
      expect(e).toBeDefined();
      return e;
    });

  const invoice = async (number: string) => (await http(svc.baseUrl, 'GET', `/v1/ecp/invoices/${number}`)).body;

  /** Waits until the consumer has taken every message off its queue and the outbox has nothing pending. */
  async function settled(): Promise<void> {
    await eventually(async () => {
      expect(await tap.queueDepth(QUEUE)).toBe(0);
      const { rows } = await svc.db.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
      expect(rows[0].n).toBe(0);
    });
    await svc.flushOutbox();
  }

  it('pays the invoice, confirms it, then produces the signature, all visible on the invoice', async () => {
    const number = await issue();
    const msg = paymentRequest(number, '151000');
    await tap.publish(msg);

    const paid = await eventFor('ecp.invoice-paid', msg.payload.paymentId);
    expect(paid.payload).toEqual({
      paymentId: msg.payload.paymentId,
      invoiceNumber: number,
      amount: '151000',
      paidAt: expect.any(String),
    });
    expect(paid.causationId).toBe(msg.messageId);
    expect(paid.correlationId).toBe(msg.correlationId);

    const produced = await eventFor('ecp.signature-produced', msg.payload.paymentId);
    expect(produced.payload).toEqual({
      paymentId: msg.payload.paymentId,
      invoiceNumber: number,
      producedAt: expect.any(String),
    });
    expect(produced.causationId).toBe(paid.messageId);
    expect(produced.correlationId).toBe(msg.correlationId);

    const body = await invoice(number);
    expect(body).toMatchObject({
      status: 'SIGNATURE_PRODUCED',
      amount: '1510.00',
      amountDue: '0.00',
      paymentId: msg.payload.paymentId,
      paidAt: paid.payload.paidAt,
      signatureProducedAt: produced.payload.producedAt,
    });
    expect(Date.parse(body.signatureProductionStartedAt)).toBeGreaterThanOrEqual(Date.parse(body.paidAt));
    expect(Date.parse(body.signatureProducedAt)).toBeGreaterThanOrEqual(Date.parse(body.signatureProductionStartedAt));
    expect(body.history).toEqual([
      { status: 'ISSUED', at: body.issuedAt, cause: `registration:${body.registration.id}` },
      { status: 'PAID', at: body.paidAt, cause: `payment:${msg.payload.paymentId}` },
      { status: 'SIGNATURE_PRODUCED', at: body.signatureProducedAt, cause: `message:${paid.messageId}` },
    ]);
  });

  it('refuses a payment to an unknown invoice, with no amount due', async () => {
    const before = (await svc.db.query(`SELECT count(*)::int AS n FROM invoices WHERE status <> 'ISSUED'`)).rows[0].n;
    const msg = paymentRequest('4539578763621486', '151000');
    await tap.publish(msg);
    const refused = await eventFor('ecp.invoice-payment-refused', msg.payload.paymentId);
    expect(refused.payload).toEqual({
      paymentId: msg.payload.paymentId,
      invoiceNumber: '4539578763621486',
      reason: 'UNKNOWN_INVOICE',
      amountDue: null,
      refusedAt: expect.any(String),
    });
    expect(refused.causationId).toBe(msg.messageId);
    expect((await svc.db.query(`SELECT count(*)::int AS n FROM invoices WHERE status <> 'ISSUED'`)).rows[0].n).toBe(
      before,
    );
  });

  it('refuses a payment of the wrong amount, telling the amount due, and leaves the invoice to be paid correctly', async () => {
    const number = await issue('1510.00');
    for (const amount of ['151001', '150999']) {
      const msg = paymentRequest(number, amount);
      await tap.publish(msg);
      const refused = await eventFor('ecp.invoice-payment-refused', msg.payload.paymentId);
      expect(refused.payload).toMatchObject({ invoiceNumber: number, reason: 'AMOUNT_MISMATCH', amountDue: '151000' });
    }
    const unchanged = await invoice(number);
    expect(unchanged).toMatchObject({ status: 'ISSUED', amountDue: '1510.00', paymentId: null, paidAt: null });
    expect(unchanged.history).toHaveLength(1);

    const right = paymentRequest(number, '151000');
    await tap.publish(right);
    await eventFor('ecp.signature-produced', right.payload.paymentId);
  });

  it('refuses a second payment of a paid invoice and keeps the first payment', async () => {
    const number = await issue('250.00');
    const first = paymentRequest(number, '25000');
    await tap.publish(first);
    await eventFor('ecp.signature-produced', first.payload.paymentId);
    const before = await invoice(number);

    const second = paymentRequest(number, '25000');
    await tap.publish(second);
    const refused = await eventFor('ecp.invoice-payment-refused', second.payload.paymentId);
    expect(refused.payload).toMatchObject({ invoiceNumber: number, reason: 'INVOICE_ALREADY_PAID', amountDue: '0' });
    await settled();
    expect(await invoice(number)).toEqual(before);
    expect(
      tap.eventsOf('ecp.invoice-paid').filter((e) => e.payload.paymentId === second.payload.paymentId),
    ).toHaveLength(0);
  });

  it('lets exactly one of two concurrent payments pay an invoice; the other is refused', async () => {
    const number = await issue('300.00');
    const a = paymentRequest(number, '30000');
    const b = paymentRequest(number, '30000');
    await Promise.all([tap.publish(a), tap.publish(b)]);
    const outcomes = await eventually(() => {
      const seen = [a, b].map((m) => ({
        paid: tap.eventsOf('ecp.invoice-paid').some((e) => e.payload.paymentId === m.payload.paymentId),
        refused: tap.eventsOf('ecp.invoice-payment-refused').find((e) => e.payload.paymentId === m.payload.paymentId)
          ?.payload.reason,
      }));
      expect(seen.every((s) => s.paid || s.refused)).toBe(true);
      return seen;
    });
    expect(outcomes.filter((o) => o.paid)).toHaveLength(1);
    expect(outcomes.filter((o) => o.refused === 'INVOICE_ALREADY_PAID')).toHaveLength(1);
  });

  it('applies a duplicate payment request once, whether the message or only the payment repeats', async () => {
    const number = await issue('400.00');
    const msg = paymentRequest(number, '40000');
    await tap.publish(msg);
    await tap.publish(msg);
    const again = { ...msg, messageId: randomUUID() };
    await tap.publish(again);
    await eventFor('ecp.signature-produced', msg.payload.paymentId);
    await eventually(async () => {
      const { rows } = await svc.db.query(
        `SELECT count(*)::int AS n FROM inbox WHERE consumer = 'ecp-invoicing.pay-invoice' AND message_id = ANY($1::uuid[])`,
        [[msg.messageId, again.messageId]],
      );
      expect(rows[0].n).toBe(2);
    });
    await settled();

    const forPayment = (type: string) =>
      tap.eventsOf(type).filter((e) => e.payload.paymentId === msg.payload.paymentId);
    expect(forPayment('ecp.invoice-paid')).toHaveLength(1);
    expect(forPayment('ecp.invoice-payment-refused')).toHaveLength(0);
    expect(forPayment('ecp.signature-produced')).toHaveLength(1);
    const { rows } = await svc.db.query(
      `SELECT (SELECT count(*)::int FROM invoice_transitions WHERE invoice_number = $1) AS transitions,
              (SELECT count(*)::int FROM signature_productions WHERE invoice_number = $1) AS productions`,
      [number],
    );
    expect(rows[0]).toEqual({ transitions: 3, productions: 1 });
  });

  it('produces one signature however often the confirmation is delivered', async () => {
    const number = await issue('500.00');
    const msg = paymentRequest(number, '50000');
    await tap.publish(msg);
    await eventFor('ecp.signature-produced', msg.payload.paymentId);
    const paid = (await eventFor('ecp.invoice-paid', msg.payload.paymentId)) as Envelope;
    const before = await invoice(number);

    const redelivered = { ...paid, messageId: randomUUID() };
    await tap.publish(paid);
    await tap.publish(redelivered);
    await eventually(async () => {
      const { rows } = await svc.db.query(
        `SELECT count(*)::int AS n FROM inbox WHERE consumer = 'ecp-invoicing.produce-signature' AND message_id = $1`,
        [redelivered.messageId],
      );
      expect(rows[0].n).toBe(1);
    });
    await settled();

    expect(tap.eventsOf('ecp.signature-produced').filter((e) => e.payload.invoiceNumber === number)).toHaveLength(1);
    const { rows } = await svc.db.query(
      `SELECT count(*)::int AS n FROM signature_productions WHERE invoice_number = $1`,
      [number],
    );
    expect(rows[0].n).toBe(1);
    expect(await invoice(number)).toEqual(before);
  });

  it('parks poison messages with their codes, changes nothing, and keeps consuming', async () => {
    const unpaid = await issue('600.00');
    const payKey = EcpInvoicePaymentRequestedV1.routingKey;
    const paidEvent = (invoiceNumber: string) =>
      buildEnvelope(
        EcpInvoicePaidV1,
        { paymentId: randomUUID(), invoiceNumber, amount: '60000', paidAt: new Date().toISOString() },
        'ecp-invoicing',
        { correlationId: randomUUID() },
      );

    await tap.publishRaw(payKey, 'not json {');
    await tap.publishRaw(payKey, JSON.stringify({ hello: 'world' }));
    await tap.publish({ ...paymentRequest(unpaid, '60000'), version: 9 }, payKey);
    await tap.publish({
      ...paymentRequest(unpaid, '60000'),
      payload: { ...paymentRequest(unpaid, '60000').payload, invoiceNumber: '123' },
    });
    await tap.publish({
      ...paymentRequest(unpaid, '60000'),
      payload: { ...paymentRequest(unpaid, '60000').payload, amount: '600.00' },
    });
    await tap.publish(paidEvent('4539578763621486'));
    await tap.publish(paidEvent(unpaid));

    const good = paymentRequest(await issue('700.00'), '70000');
    await tap.publish(good);
    await eventFor('ecp.signature-produced', good.payload.paymentId);

    const parked = await eventually(async () => {
      const p = await takeParked(svc.db);
      expect(p).toHaveLength(7);
      return p;
    });
    expect(parked.map((p) => p.code).sort()).toEqual([
      'DATA_REJECTED',
      'INVALID_ENVELOPE',
      'INVOICE_NOT_PAID',
      'SCHEMA_VIOLATION',
      'SCHEMA_VIOLATION',
      'UNKNOWN_EVENT',
      'UNKNOWN_INVOICE',
    ]);
    expect(
      parked
        .filter((p) => p.code === 'SCHEMA_VIOLATION')
        .map((p) => p.reason)
        .join(' '),
    ).toMatch(/invoiceNumber.*amount|amount.*invoiceNumber/);

    const still = await invoice(unpaid);
    expect(still).toMatchObject({ status: 'ISSUED', paymentId: null, signatureProductionStartedAt: null });
    expect(still.history).toHaveLength(1);
    const { rows } = await svc.db.query(
      `SELECT count(*)::int AS n FROM signature_productions WHERE invoice_number = $1`,
      [unpaid],
    );
    expect(rows[0].n).toBe(0);
  });
});
