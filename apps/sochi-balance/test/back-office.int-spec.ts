import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { SochiTopUpRequestedV1 } from '#contracts';
import { buildEnvelope } from '#messaging';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { eventually } from '../../../test/support/eventually.js';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { asStaff } from '../../../test/support/test-credentials.js';

const INN = '01234567890123';

describe('sochi-balance: what billing staff see (organizations, a payment’s credit)', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;
  const paymentId = randomUUID();

  beforeAll(async () => {
    tap = await BrokerTap.open();
    svc = await startService('sochi-balance', async () => (await import('../src/app.module.js')).AppModule);
    svc.clock.set('2026-11-26T06:00:00Z');
    for (const [inn, name] of [
      [INN, 'ОсОО Тест'],
      ['01234567890999', 'ИП Второй'],
      ['99000000000001', 'ОсОО Третье'],
    ]) {
      expect((await http(svc.baseUrl, 'POST', '/v1/sochi/organizations', { inn, name })).status).toBe(201);
    }
    await tap.publish(
      buildEnvelope(
        SochiTopUpRequestedV1,
        { paymentId, inn: INN, amount: '15000', payerPhone: '996555000001', requestedAt: '2026-11-26T06:00:00Z' },
        'wallet',
        { correlationId: paymentId },
      ),
    );
    await eventually(() =>
      expect(tap.eventsOf('sochi.top-up-credited').some((e) => e.payload.paymentId === paymentId)).toBe(true),
    );
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  const get = async (path: string) => http(svc.baseUrl, 'GET', path, undefined, await asStaff('auditor'));

  it("GET /v1/sochi/credits?paymentId= gives the payment's ledger line with the balance after it", async () => {
    expect((await get(`/v1/sochi/credits?paymentId=${paymentId}`)).body).toEqual({
      items: [
        {
          inn: INN,
          organizationName: 'ОсОО Тест',
          paymentId,
          amount: '150.00',
          balanceAfter: '150.00',
          payerPhone: '996555000001',
          creditedAt: '2026-11-26T06:00:00.000Z',
        },
      ],
    });
    expect((await get(`/v1/sochi/credits?paymentId=${randomUUID()}`)).body).toEqual({ items: [] });
    expect((await get('/v1/sochi/credits')).status).toBe(400);
  });

  it('GET /v1/sochi/organizations pages the organizations by INN, with balances, filtered by the first digits', async () => {
    const all = await get('/v1/sochi/organizations');
    expect(all.body).toMatchObject({ page: 1, pageSize: 50, total: 3 });
    expect(all.body.items[0]).toEqual({
      inn: INN,
      name: 'ОсОО Тест',
      balance: '150.00',
      createdAt: expect.any(String),
      awaitingPayment: { reports: 0, total: '0.00' },
      detail: `/v1/sochi/organizations/${INN}`,
    });
    expect((await get('/v1/sochi/organizations?inn=0123')).body.items.map((o: { inn: string }) => o.inn)).toEqual([
      INN,
      '01234567890999',
    ]);
    expect((await get(`/v1/sochi/organizations?inn=${INN}`)).body.total).toBe(1);
    expect((await get('/v1/sochi/organizations?pageSize=2&page=2')).body).toMatchObject({
      total: 3,
      items: [{ inn: '99000000000001' }],
    });
    expect((await get('/v1/sochi/organizations?inn=12a')).status).toBe(400);
  });

  it('is for staff: a partner is refused', async () => {
    expect((await http(svc.baseUrl, 'GET', '/v1/sochi/organizations')).status).toBe(403);
    expect((await http(svc.baseUrl, 'GET', `/v1/sochi/credits?paymentId=${paymentId}`)).status).toBe(403);
  });
});
