import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { EcpInvoicePaymentRequestedV1 } from '#contracts';
import { buildEnvelope } from '#messaging';
import { consumersOf, expectedBy, verifyConsumerPact } from '../../../../test/contract/support/message-pact.js';
import { luhnValid, outboxed } from '../../../../test/contract/support/provider.js';
import { BrokerTap } from '../../../../test/support/broker-tap.js';
import { http, startService, type ServiceUnderTest } from '../../../../test/support/service-harness.js';

/** ecp-invoicing's real payment and signature handlers produce every message its consumers rely on. */
describe('ecp-invoicing, as a producer', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    svc = await startService('ecp-invoicing', async () => (await import('../../src/app.module.js')).AppModule);
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  async function payInvoice(number?: string) {
    if (!number) {
      const res = await http(svc.baseUrl, 'POST', '/v1/ecp/registrations', {
        office: 'OSH',
        organizationName: 'ИП Асанов Бакыт',
        inn: '22222222222222',
        signerName: 'Асанов Бакыт Асанович',
        signerRole: 'Индивидуальный предприниматель',
        phone: '996555000009',
        productCode: 'DIRECTOR_CLOUD',
      });
      expect(res.status).toBe(201);
      number = res.body.invoice.number as string;
    }
    const paymentId = randomUUID();
    await tap.publish(
      buildEnvelope(
        EcpInvoicePaymentRequestedV1,
        {
          paymentId,
          invoiceNumber: number,
          amount: '151000',
          payerPhone: '996555000001',
          requestedAt: new Date().toISOString(),
        },
        'wallet',
        { correlationId: paymentId },
      ),
    );
    return paymentId;
  }

  const produces = {
    'ecp.invoice-paid.v1': async () => outboxed(svc.db, 'ecp.invoice-paid', await payInvoice()),
    'ecp.invoice-payment-refused.v1': async () =>
      outboxed(svc.db, 'ecp.invoice-payment-refused', await payInvoice(luhnValid('900000000000000'))),
    'ecp.signature-produced.v1': async () => outboxed(svc.db, 'ecp.signature-produced', await payInvoice()),
  };

  it('has consumers with pacts', () => expect(consumersOf('ecp-invoicing').length).toBeGreaterThan(0));

  it.each(consumersOf('ecp-invoicing'))('satisfies the pact of %s', async (consumer) => {
    expect(Object.keys(produces)).toEqual(expect.arrayContaining(expectedBy(consumer, 'ecp-invoicing')));
    await verifyConsumerPact('ecp-invoicing', consumer, produces);
  });
});
