import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { EcpInvoicePaymentRequestedV1 } from '#contracts';
import { buildEnvelope } from '#messaging';
import { ExpireInvoicesHandler } from '../src/expire-invoices/expire-invoices.handler.js';
import { ExpireInvoicesJob } from '../src/expire-invoices/expire-invoices.job.js';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { eventually } from '../../../test/support/eventually.js';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { makeCsr } from './certificate-tools.js';

/** Expiry and cancellation of unpaid invoices. Time passing is simulated by moving an invoice's dates into the past. */
describe('ЭЦП invoice expiry and cancellation against real PostgreSQL and RabbitMQ', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    // The periodic sweep is left to the tests (they call it), so that the payment-time expiry can be seen on its own.
    svc = await startService('ecp-invoicing', async () => (await import('../src/app.module.js')).AppModule, {
      ECP_EXPIRY_SWEEP_MS: '3600000',
    });
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  const register = async (productCode = 'DIRECTOR_CLOUD') => {
    const res = await http(svc.baseUrl, 'POST', '/v1/ecp/registrations', {
      office: 'ONLINE',
      organizationName: 'ИП Токтогулова',
      inn: '22222222222222',
      signerName: 'Токтогулова Айгуль',
      signerRole: 'Индивидуальный предприниматель',
      phone: '996700000001',
      productCode,
      ...(productCode === 'RUTOKEN' ? { csr: await makeCsr() } : {}),
    });
    expect(res.status).toBe(201);
    return res.body.invoice.number as string;
  };
  const invoice = async (number: string) => (await http(svc.baseUrl, 'GET', `/v1/ecp/invoices/${number}`)).body;
  /** As if the invoice had been issued 31 days ago: its 30 days ran out a day ago. */
  const age = (number: string) =>
    svc.db.query(
      `UPDATE invoices SET issued_at = now() - interval '31 days', expires_at = now() - interval '1 day' WHERE number = $1`,
      [number],
    );
  const paymentRequest = (invoiceNumber: string, amount: string, paymentId = randomUUID()) =>
    buildEnvelope(
      EcpInvoicePaymentRequestedV1,
      { paymentId, invoiceNumber, amount, payerPhone: '996555000001', requestedAt: new Date().toISOString() },
      'wallet',
      { correlationId: paymentId },
    );
  const events = (type: string, invoiceNumber: string) =>
    tap.eventsOf(type).filter((e) => e.payload.invoiceNumber === invoiceNumber);
  const eventFor = (type: string, invoiceNumber: string) =>
    eventually(() => {
      const [e] = events(type, invoiceNumber);
      expect(e).toBeDefined();
      return e;
    });

  describe('expiry', () => {
    it('refuses the payment of an expired invoice as INVOICE_EXPIRED, recording the expiry it finds', async () => {
      const number = await register();
      await age(number);
      // Shown as expired before anybody recorded it, so the router's check tells the payer.
      expect(await invoice(number)).toMatchObject({
        status: 'EXPIRED',
        amount: '1510.00',
        amountDue: '0.00',
        expiredAt: null,
      });

      const msg = paymentRequest(number, '151000');
      await tap.publish(msg);
      const refused = await eventFor('ecp.invoice-payment-refused', number);
      expect(refused.payload).toMatchObject({
        paymentId: msg.payload.paymentId,
        reason: 'INVOICE_EXPIRED',
        amountDue: '0',
      });
      expect(refused.causationId).toBe(msg.messageId);
      const expired = await eventFor('ecp.invoice-expired', number);
      expect(expired.causationId).toBe(msg.messageId);

      const after = await invoice(number);
      expect(after).toMatchObject({ status: 'EXPIRED', paymentId: null, paidAt: null, expiredAt: expect.any(String) });
      expect(after.history.map((h: { status: string; cause: string }) => `${h.status} ${h.cause}`)).toEqual([
        expect.stringMatching(/^ISSUED registration:/),
        `EXPIRED expiry:payment:${msg.payload.paymentId}`,
      ]);
      expect(tap.eventsOf('ecp.invoice-paid').filter((e) => e.payload.invoiceNumber === number)).toHaveLength(0);

      // A second attempt finds the recorded expiry.
      const again = paymentRequest(number, '151000');
      await tap.publish(again);
      await eventually(() => expect(events('ecp.invoice-payment-refused', number)).toHaveLength(2));
      expect(events('ecp.invoice-expired', number)).toHaveLength(1);
    });

    it('expires every overdue invoice in the periodic sweep, once, even when instances sweep at the same time', async () => {
      const due = [await register(), await register('RUTOKEN'), await register()];
      const notDue = await register();
      for (const n of due) await age(n);

      const handler = svc.app.get(ExpireInvoicesHandler);
      // Two instances' sweeps claiming at once: SKIP LOCKED hands each invoice to only one of them.
      const claimed = await Promise.all([handler.expireBatch(new Date(), 2), handler.expireBatch(new Date(), 2)]);
      expect(claimed.reduce((a, b) => a + b, 0)).toBe(3);
      expect(await svc.app.get(ExpireInvoicesJob).run()).toBe(0);

      for (const n of due) {
        const got = await invoice(n);
        expect(got).toMatchObject({ status: 'EXPIRED', expiredAt: expect.any(String) });
        expect(got.history.at(-1)).toMatchObject({ status: 'EXPIRED', cause: 'expiry:sweep' });
        const [e] = [await eventFor('ecp.invoice-expired', n)];
        expect(e.payload).toMatchObject({ invoiceNumber: n, expiresAt: got.expiresAt, expiredAt: got.expiredAt });
      }
      await svc.flushOutbox();
      for (const n of due) expect(events('ecp.invoice-expired', n)).toHaveLength(1);
      expect(await invoice(notDue)).toMatchObject({ status: 'ISSUED', amountDue: '1510.00' });
    });

    it('never expires a paid invoice', async () => {
      const number = await register();
      await tap.publish(paymentRequest(number, '151000'));
      await eventFor('ecp.signature-produced', number);
      await svc.db.query(
        `UPDATE invoices SET issued_at = now() - interval '31 days', expires_at = now() - interval '1 day' WHERE number = $1`,
        [number],
      );
      await svc.app.get(ExpireInvoicesJob).run();
      expect((await invoice(number)).status).toBe('SIGNATURE_PRODUCED');
    });
  });

  describe('cancellation', () => {
    const cancel = (number: string, reason: unknown = 'клиент отказался') =>
      http(svc.baseUrl, 'POST', `/v1/ecp/invoices/${number}/cancel`, { reason });

    it('cancels an unpaid invoice with the reason; a later payment is refused as INVOICE_CANCELLED', async () => {
      const number = await register();
      const res = await cancel(number);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'CANCELLED',
        amountDue: '0.00',
        cancellationReason: 'клиент отказался',
        cancelledAt: expect.any(String),
      });
      expect(res.body.history.at(-1)).toMatchObject({ status: 'CANCELLED', cause: 'staff:клиент отказался' });
      const cancelled = await eventFor('ecp.invoice-cancelled', number);
      expect(cancelled.payload).toMatchObject({ invoiceNumber: number, reason: 'клиент отказался' });

      const msg = paymentRequest(number, '151000');
      await tap.publish(msg);
      const refused = await eventFor('ecp.invoice-payment-refused', number);
      expect(refused.payload).toMatchObject({
        paymentId: msg.payload.paymentId,
        reason: 'INVOICE_CANCELLED',
        amountDue: '0',
      });

      const twice = await cancel(number);
      expect(twice.status).toBe(409);
      expect(twice.body).toMatchObject({ code: 'INVOICE_NOT_CANCELLABLE', invoiceStatus: 'CANCELLED' });
    });

    it('refuses to cancel a paid invoice with 409 INVOICE_NOT_CANCELLABLE and leaves it as it was', async () => {
      const number = await register();
      await tap.publish(paymentRequest(number, '151000'));
      await eventFor('ecp.signature-produced', number);
      const before = await invoice(number);
      const res = await cancel(number);
      expect(res.status).toBe(409);
      expect(res.contentType).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'INVOICE_NOT_CANCELLABLE', invoiceStatus: 'SIGNATURE_PRODUCED' });
      expect(await invoice(number)).toEqual(before);
      expect(events('ecp.invoice-cancelled', number)).toHaveLength(0);
    });

    it('refuses to cancel an expired invoice', async () => {
      const number = await register();
      await age(number);
      const res = await cancel(number);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'INVOICE_NOT_CANCELLABLE', invoiceStatus: 'EXPIRED' });
    });

    it('answers 404 for an unknown invoice and 400 without a reason', async () => {
      expect((await cancel('4539578763621486')).status).toBe(404);
      const number = await register();
      const res = await cancel(number, '  ');
      expect(res.status).toBe(400);
      expect(res.body.errors[0].code).toBe('INVALID_REASON');
      expect((await invoice(number)).status).toBe('ISSUED');
    });
  });
});
