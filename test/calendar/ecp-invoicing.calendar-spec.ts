import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { EcpInvoicePaymentRequestedV1 } from '#contracts';
import { buildEnvelope } from '#messaging';
import { ExpireInvoicesJob } from '../../apps/ecp-invoicing/src/expire-invoices/expire-invoices.job.js';
import { BrokerTap } from '../support/broker-tap.js';
import { eventually } from '../support/eventually.js';
import { http, startService, type ServiceUnderTest } from '../support/service-harness.js';
import { bishkek } from './bishkek.js';

const SECOND = 1000;

/**
 * An ЭЦП invoice one second before and one second after its expiry, by ecp-invoicing's clock: payable until the
 * instant it expires, refused (and recorded EXPIRED) from then on, by the payment and by the sweep alike. The TTL is
 * counted in whole days from the issue instant, so it crosses February and the year's end as plain days.
 */
describe('ЭЦП invoice expiry, to the second', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    svc = await startService(
      'ecp-invoicing',
      async () => (await import('../../apps/ecp-invoicing/src/app.module.js')).AppModule,
      {
        ECP_EXPIRY_SWEEP_MS: '3600000',
        ECP_INVOICE_TTL_DAYS: '30',
      },
    );
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  beforeEach(() => svc.clock.release());

  const issue = async () => {
    const res = await http(svc.baseUrl, 'POST', '/v1/ecp/registrations', {
      office: 'OSH',
      organizationName: 'ОсОО «Календарь»',
      inn: '02222222222222',
      signerName: 'Календарев Эмиль',
      signerRole: 'Директор',
      phone: '996555000002',
      productCode: 'DIRECTOR_CLOUD',
    });
    expect(res.status).toBe(201);
    expect(res.body.invoice.amount).toBe('1510.00');
    return res.body.invoice as { number: string; issuedAt: string; expiresAt: string };
  };
  const invoice = async (number: string) => (await http(svc.baseUrl, 'GET', `/v1/ecp/invoices/${number}`)).body;
  async function pay(number: string) {
    const paymentId = randomUUID();
    await tap.publish(
      buildEnvelope(
        EcpInvoicePaymentRequestedV1,
        {
          paymentId,
          invoiceNumber: number,
          amount: '151000',
          payerPhone: '996555000001',
          requestedAt: svc.clock.now().toISOString(),
        },
        'wallet',
        { correlationId: paymentId },
      ),
    );
    return eventually(() => {
      const [e] = [...tap.eventsOf('ecp.invoice-paid'), ...tap.eventsOf('ecp.invoice-payment-refused')].filter(
        (x) => x.payload.paymentId === paymentId,
      );
      expect(e).toBeDefined();
      return e;
    });
  }

  it.each([
    { issuedAt: '2027-01-31 23:59:30', expiresAt: '2027-03-02 23:59:30' },
    { issuedAt: '2026-12-15 00:00:30', expiresAt: '2027-01-14 00:00:30' },
  ])(
    'takes a payment one second before the expiry of an invoice issued $issuedAt and refuses one a second after',
    async ({ issuedAt, expiresAt }) => {
      svc.clock.set(bishkek(issuedAt));
      const early = await issue();
      const late = await issue();
      expect(early.expiresAt).toBe(bishkek(expiresAt).toISOString());

      svc.clock.set(new Date(bishkek(expiresAt).getTime() - SECOND));
      expect(await invoice(early.number)).toMatchObject({ status: 'ISSUED', amountDue: '1510.00' });
      expect((await pay(early.number)).type).toBe('ecp.invoice-paid');

      svc.clock.set(new Date(bishkek(expiresAt).getTime() + SECOND));
      // Shown as expired at once, before anything recorded it.
      expect(await invoice(late.number)).toMatchObject({ status: 'EXPIRED', amountDue: '0.00' });
      const refused = await pay(late.number);
      expect(refused.payload).toMatchObject({ reason: 'INVOICE_EXPIRED' });
      expect(await invoice(late.number)).toMatchObject({
        status: 'EXPIRED',
        expiredAt: new Date(bishkek(expiresAt).getTime() + SECOND).toISOString(),
      });
      expect((await invoice(early.number)).status).not.toBe('EXPIRED');
    },
  );

  it('the sweep expires nothing a second before the expiry and the invoice a second after', async () => {
    const issuedAt = bishkek('2027-02-28 23:59:30');
    svc.clock.set(issuedAt);
    const { number, expiresAt } = await issue();
    expect(expiresAt).toBe(bishkek('2027-03-30 23:59:30').toISOString());
    const job = svc.app.get(ExpireInvoicesJob);

    svc.clock.set(new Date(Date.parse(expiresAt) - SECOND));
    await job.run();
    expect(await invoice(number)).toMatchObject({ status: 'ISSUED', expiredAt: null });

    svc.clock.set(new Date(Date.parse(expiresAt) + SECOND));
    await job.run();
    expect(await invoice(number)).toMatchObject({
      status: 'EXPIRED',
      expiredAt: new Date(Date.parse(expiresAt) + SECOND).toISOString(),
    });
  });
});
