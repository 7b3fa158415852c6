import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { asStaff } from '../../../test/support/test-credentials.js';

/** Registrations, re-issues, cancellations and price changes: each leaves one audit row saying who, with before/after. */
describe('the ЭЦП audit trail against real PostgreSQL', () => {
  let svc: ServiceUnderTest;

  beforeAll(async () => {
    svc = await startService('ecp-invoicing', async () => (await import('../src/app.module.js')).AppModule, {
      ECP_EXPIRY_SWEEP_MS: '3600000',
    });
  });

  afterAll(async () => {
    await svc?.close();
  });

  const trail = async (subject: string) =>
    (await http(svc.baseUrl, 'GET', `/v1/audit?subject=${subject}`, undefined, await asStaff('auditor'))).body
      .items as any[];

  it('records the registrar, the billing staff who cancelled and re-issued, and the pricing staff who changed a price', async () => {
    const registered = await http(svc.baseUrl, 'POST', '/v1/ecp/registrations', {
      office: 'OSH',
      organizationName: 'ОсОО «Аудит»',
      inn: '03333333333301',
      signerName: 'Асанов Бакыт',
      signerRole: 'Директор',
      phone: '996700000009',
      productCode: 'DIRECTOR_CLOUD',
    });
    expect(registered.status).toBe(201);
    const { id, invoice } = registered.body;
    expect(
      (await http(svc.baseUrl, 'POST', `/v1/ecp/invoices/${invoice.number}/cancel`, { reason: 'ошибка в ИНН' })).status,
    ).toBe(200);
    expect((await http(svc.baseUrl, 'PUT', '/v1/ecp/products/DIRECTOR_CLOUD', { price: '1600.00' })).status).toBe(200);
    const reissued = await http(svc.baseUrl, 'POST', `/v1/ecp/registrations/${id}/invoices`);
    expect(reissued.status).toBe(201);
    expect((await http(svc.baseUrl, 'PUT', '/v1/ecp/products/DIRECTOR_CLOUD', { price: '1510.00' })).status).toBe(200);

    expect((await trail(`registration:${id}`)).map((r) => [r.actor, r.action])).toEqual([
      ['staff:staff-billing', 'ecp.invoice-reissued'],
      ['staff:staff-registrar', 'ecp.client-registered'],
    ]);
    expect(await trail(`invoice:${invoice.number}`)).toEqual([
      expect.objectContaining({
        actor: 'staff:staff-billing',
        action: 'ecp.invoice-cancelled',
        before: { status: 'ISSUED' },
        after: { status: 'CANCELLED', reason: 'ошибка в ИНН' },
      }),
    ]);
    expect((await trail('product:DIRECTOR_CLOUD')).map((r) => [r.actor, r.before.price, r.after.price])).toEqual([
      ['staff:staff-pricing', '160000', '151000'],
      ['staff:staff-pricing', '151000', '160000'],
    ]);
    expect((await trail(`registration:${id}`))[0].after).toMatchObject({
      invoice: reissued.body.number,
      amount: '160000',
    });
  });
});
