import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { asStaff } from '../../../test/support/test-credentials.js';

/** Organization registrations and report charges leave one audit row each, with the balance before and after. */
describe('the СОЧИ audit trail against real PostgreSQL', () => {
  let svc: ServiceUnderTest;

  beforeAll(async () => {
    svc = await startService('sochi-balance', async () => (await import('../src/app.module.js')).AppModule);
  });

  afterAll(async () => {
    await svc?.close();
  });

  it('records the registration and each charge, once, and nothing for a replay', async () => {
    const inn = '05555555555501';
    expect((await http(svc.baseUrl, 'POST', '/v1/sochi/organizations', { inn, name: 'ОсОО «Аудит»' })).status).toBe(
      201,
    );
    const charge = { reportId: 'AUDIT-1', description: 'Отчет', price: '10.00' };
    expect((await http(svc.baseUrl, 'POST', `/v1/sochi/organizations/${inn}/charges`, charge)).status).toBe(201);
    expect((await http(svc.baseUrl, 'POST', `/v1/sochi/organizations/${inn}/charges`, charge)).status).toBe(200);
    const trail = async (subject: string) =>
      (await http(svc.baseUrl, 'GET', `/v1/audit?subject=${subject}`, undefined, await asStaff('auditor'))).body.items;
    expect(await trail(`organization:${inn}`)).toEqual([
      expect.objectContaining({
        actor: 'partner:megapay-dev',
        action: 'organization.registered',
        after: { name: 'ОсОО «Аудит»' },
      }),
    ]);
    expect(await trail('report:AUDIT-1')).toEqual([
      expect.objectContaining({
        actor: 'partner:megapay-dev',
        action: 'report.charged',
        before: null,
        after: { inn, price: '1000', status: 'AWAITING_PAYMENT' },
      }),
    ]);
  });
});
