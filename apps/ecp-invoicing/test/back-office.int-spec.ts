import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { asStaff } from '../../../test/support/test-credentials.js';

const CLIENT = {
  organizationName: 'ОсОО «Список»',
  inn: '01234567890123',
  signerName: 'Асанов Асан',
  signerRole: 'Директор',
  phone: '996555123456',
  productCode: 'DIRECTOR_CLOUD',
};
const T0 = new Date('2026-11-26T06:00:00Z');
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);

describe('ecp-invoicing: what billing staff see (registrations, invoices, price history)', () => {
  let svc: ServiceUnderTest;
  const reg: Record<'osh' | 'online' | 'jalalAbad', { id: string; invoice: string }> = {} as never;
  const paymentId = randomUUID();

  beforeAll(async () => {
    svc = await startService('ecp-invoicing', async () => (await import('../src/app.module.js')).AppModule, {
      ECP_EXPIRY_SWEEP_MS: '3600000',
    });
    const register = async (office: string, at: Date) => {
      svc.clock.set(at);
      const res = await http(svc.baseUrl, 'POST', '/v1/ecp/registrations', { ...CLIENT, office });
      expect(res.status).toBe(201);
      return { id: res.body.id as string, invoice: res.body.invoice.number as string };
    };
    reg.osh = await register('OSH', T0);
    reg.online = await register('ONLINE', hours(1));
    reg.jalalAbad = await register('JALAL_ABAD', hours(2));
    // Paid as the payment flow would record it, without running signature production.
    await svc.db.query(`UPDATE invoices SET status = 'PAID', paid_at = $2, payment_id = $3 WHERE number = $1`, [
      reg.osh.invoice,
      hours(3),
      paymentId,
    ]);
    svc.clock.set(hours(4));
    expect(
      (
        await http(svc.baseUrl, 'POST', `/v1/ecp/invoices/${reg.jalalAbad.invoice}/cancel`, {
          reason: 'ошибка в названии',
        })
      ).status,
    ).toBe(200);
  });

  afterAll(async () => {
    await svc?.close();
  });

  const get = async (path: string) => http(svc.baseUrl, 'GET', path, undefined, await asStaff('auditor'));
  const numbers = (body: { items: Array<{ number: string }> }) => body.items.map((i) => i.number);

  describe('GET /v1/ecp/invoices', () => {
    it('lists invoices newest first, in short, with a link to each', async () => {
      const res = await get('/v1/ecp/invoices');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ page: 1, pageSize: 50, total: 3 });
      expect(numbers(res.body)).toEqual([reg.jalalAbad.invoice, reg.online.invoice, reg.osh.invoice]);
      expect(res.body.items[2]).toEqual({
        number: reg.osh.invoice,
        status: 'PAID',
        amount: '1510.00',
        amountDue: '0.00',
        clientName: CLIENT.organizationName,
        inn: CLIENT.inn,
        office: 'OSH',
        productCode: 'DIRECTOR_CLOUD',
        registrationId: reg.osh.id,
        issuedAt: T0.toISOString(),
        expiresAt: expect.any(String),
        paidAt: hours(3).toISOString(),
        paymentId,
        detail: `/v1/ecp/invoices/${reg.osh.invoice}`,
      });
      expect(res.body.items[1]).toMatchObject({
        status: 'ISSUED',
        amountDue: '1510.00',
        paidAt: null,
        paymentId: null,
      });
    });

    it('filters by status now, office and payment, and pages', async () => {
      expect(numbers((await get('/v1/ecp/invoices?status=CANCELLED,PAID')).body)).toEqual([
        reg.jalalAbad.invoice,
        reg.osh.invoice,
      ]);
      expect(numbers((await get('/v1/ecp/invoices?office=ONLINE')).body)).toEqual([reg.online.invoice]);
      expect(numbers((await get(`/v1/ecp/invoices?paymentId=${paymentId}`)).body)).toEqual([reg.osh.invoice]);
      expect((await get('/v1/ecp/invoices?pageSize=1&page=2')).body).toMatchObject({
        total: 3,
        items: [{ number: reg.online.invoice }],
      });
      expect((await get('/v1/ecp/invoices?status=LOST')).body.errors).toEqual([
        expect.objectContaining({ field: 'status', code: 'INVALID_STATUS' }),
      ]);
    });

    it('counts an unpaid invoice past its expiry as EXPIRED before the expiry job records it', async () => {
      svc.clock.set(hours(24 * 60));
      try {
        expect(numbers((await get('/v1/ecp/invoices?status=EXPIRED')).body)).toEqual([reg.online.invoice]);
        expect(numbers((await get('/v1/ecp/invoices?status=ISSUED')).body)).toEqual([]);
        expect((await get('/v1/ecp/invoices?office=ONLINE')).body.items[0]).toMatchObject({
          status: 'EXPIRED',
          amountDue: '0.00',
        });
      } finally {
        svc.clock.set(hours(4));
      }
    });
  });

  describe('GET /v1/ecp/registrations', () => {
    it('lists registrations newest first, each with its latest invoice', async () => {
      const res = await get('/v1/ecp/registrations');
      expect(res.body).toMatchObject({ total: 3, page: 1, pageSize: 50 });
      expect(res.body.items.map((r: { id: string }) => r.id)).toEqual([reg.jalalAbad.id, reg.online.id, reg.osh.id]);
      expect(res.body.items[0]).toEqual({
        id: reg.jalalAbad.id,
        office: 'JALAL_ABAD',
        organizationName: CLIENT.organizationName,
        inn: CLIENT.inn,
        signerName: CLIENT.signerName,
        phone: CLIENT.phone,
        productCode: 'DIRECTOR_CLOUD',
        createdAt: hours(2).toISOString(),
        latestInvoice: {
          number: reg.jalalAbad.invoice,
          status: 'CANCELLED',
          amount: '1510.00',
          issuedAt: hours(2).toISOString(),
          paidAt: null,
          paymentId: null,
        },
        detail: `/v1/ecp/registrations/${reg.jalalAbad.id}`,
      });
    });

    it("filters by office and by the latest invoice's status", async () => {
      expect((await get('/v1/ecp/registrations?office=OSH')).body.items.map((r: { id: string }) => r.id)).toEqual([
        reg.osh.id,
      ]);
      expect((await get('/v1/ecp/registrations?status=ISSUED')).body.items.map((r: { id: string }) => r.id)).toEqual([
        reg.online.id,
      ]);
      expect((await get('/v1/ecp/registrations?status=PAID&office=ONLINE')).body).toMatchObject({
        items: [],
        total: 0,
      });
    });
  });

  it('GET /v1/ecp/products/{code}/prices gives each price with when and by whom it was set', async () => {
    expect((await get('/v1/ecp/products/RUTOKEN/prices')).body).toEqual({
      code: 'RUTOKEN',
      items: [{ price: '1200.00', from: null, setBy: null, setByName: null }],
    });
    svc.clock.set(hours(5));
    expect((await http(svc.baseUrl, 'PUT', '/v1/ecp/products/RUTOKEN', { price: '1300.00' })).status).toBe(200);
    svc.clock.set(hours(6));
    expect((await http(svc.baseUrl, 'PUT', '/v1/ecp/products/RUTOKEN', { price: '1250.50' })).status).toBe(200);
    expect((await get('/v1/ecp/products/RUTOKEN/prices')).body).toEqual({
      code: 'RUTOKEN',
      items: [
        {
          price: '1250.50',
          from: hours(6).toISOString(),
          setBy: 'staff:staff-pricing',
          setByName: 'Тестовый сотрудник',
        },
        {
          price: '1300.00',
          from: hours(5).toISOString(),
          setBy: 'staff:staff-pricing',
          setByName: 'Тестовый сотрудник',
        },
        { price: '1200.00', from: null, setBy: null, setByName: null },
      ],
    });
    expect((await get('/v1/ecp/products/NO_SUCH/prices')).body.code).toBe('PRODUCT_NOT_FOUND');
  });

  it('is for staff: a partner is refused', async () => {
    expect((await http(svc.baseUrl, 'GET', '/v1/ecp/invoices')).status).toBe(403);
    expect((await http(svc.baseUrl, 'GET', '/v1/ecp/registrations')).status).toBe(403);
  });
});
