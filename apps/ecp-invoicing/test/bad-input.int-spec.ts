import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { sendRaw } from '../../../test/support/raw-http.js';

const INN = '01234567890123';
const registration = {
  office: 'OSH',
  organizationName: 'ОсОО «Ала-Тоо Консалт»',
  inn: INN,
  signerName: 'Асанов Бакыт Асанович',
  signerRole: 'Директор',
  phone: '996555123456',
  productCode: 'DIRECTOR_CLOUD',
};

/** The form of a PEM PKCS#10 request, which is all the request's validation looks at. */
const CSR_SHAPED = `-----BEGIN CERTIFICATE REQUEST-----\n${'A'.repeat(64)}\n-----END CERTIFICATE REQUEST-----\n`;

describe('ecp-invoicing refuses bad input with a clear 4xx and changes nothing', () => {
  let svc: ServiceUnderTest;

  beforeAll(async () => {
    svc = await startService('ecp-invoicing', async () => (await import('../src/app.module.js')).AppModule, {
      ECP_EXPIRY_SWEEP_MS: '3600000',
    });
  });

  afterAll(async () => {
    await svc?.close();
  });

  const call = (method: string, path: string, body?: unknown) => http(svc.baseUrl, method, path, body);
  /** Invoices, registrations and invoice history together: what any write would add to. */
  const rows = async () =>
    (
      await svc.db.query(
        `SELECT (SELECT count(*) FROM invoices) + (SELECT count(*) FROM registrations) + (SELECT count(*) FROM invoice_transitions) AS n`,
      )
    ).rows[0].n as string;
  async function issued(): Promise<string> {
    const res = await call('POST', '/v1/ecp/registrations', registration);
    expect(res.status).toBe(201);
    return res.body.invoice.number;
  }
  function expectFields(res: { status: number; contentType: string; body: any }, fields: Array<[string, string]>) {
    expect(res.status).toBe(400);
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual(fields.map(([field, code]) => ({ field, code, message: expect.any(String) })));
  }

  describe('texts a database cannot store as sent', () => {
    it.each([
      ['a NUL', 'ИП Асанов\u0000'],
      ['a lone surrogate', 'ИП \uDBFFАсанов'],
    ])('refuses an organization name with %s, registering and issuing nothing', async (_, organizationName) => {
      const before = await rows();
      expectFields(await call('POST', '/v1/ecp/registrations', { ...registration, organizationName }), [
        ['organizationName', 'INVALID_CHARACTERS'],
      ]);
      expect(await rows()).toBe(before);
    });

    it('refuses a registration naming every field that holds one, registering and issuing nothing', async () => {
      const before = await rows();
      const res = await call('POST', '/v1/ecp/registrations', {
        ...registration,
        organizationName: 'ОсОО \uD800',
        signerName: 'Асанов\u0000',
        signerRole: 'Директор',
      });
      expectFields(res, [
        ['organizationName', 'INVALID_CHARACTERS'],
        ['signerName', 'INVALID_CHARACTERS'],
      ]);
      expect(await rows()).toBe(before);
    });

    it('refuses a cancellation reason with a NUL, leaving the invoice ISSUED', async () => {
      const number = await issued();
      const before = await rows();
      expectFields(await call('POST', `/v1/ecp/invoices/${number}/cancel`, { reason: 'отказ\u0000' }), [
        ['reason', 'INVALID_CHARACTERS'],
      ]);
      expect((await call('GET', `/v1/ecp/invoices/${number}`)).body).toMatchObject({
        status: 'ISSUED',
        cancelledAt: null,
        cancellationReason: null,
      });
      expect(await rows()).toBe(before);
    });
  });

  describe('the invoice number in a path', () => {
    it.each([
      ['GET', '/v1/ecp/invoices/{number}'],
      ['GET', '/v1/ecp/invoices/{number}/certificate'],
      ['POST', '/v1/ecp/invoices/{number}/cancel'],
      ['POST', '/v1/ecp/invoices/{number}/csr'],
    ])('is named `number` when invalid or holding a NUL: %s %s', async (method, template) => {
      const path = (n: string) => template.replace('{number}', n);
      // Bodies valid in themselves, so that the number is what is refused.
      const body = template.endsWith('/csr') ? { csr: CSR_SHAPED } : method === 'POST' ? { reason: 'r' } : undefined;
      expectFields(await call(method, path('123'), body), [['number', 'INVALID_INVOICE_NUMBER']]);
      expectFields(await call(method, path('4000000000000002%00'), body), [['number', 'INVALID_CHARACTERS']]);
    });

    it('names the product code too', async () => {
      expectFields(await call('PUT', '/v1/ecp/products/NO%00PE', { price: '1.00' }), [['code', 'INVALID_CHARACTERS']]);
    });
  });

  describe('bodies that are not JSON', () => {
    it('refuses a form on PUT and POST with 415 UNSUPPORTED_MEDIA_TYPE, changing no price and issuing nothing', async () => {
      const price = async () =>
        ((await call('GET', '/v1/ecp/products')).body.items as any[]).find((p) => p.code === 'DIRECTOR_CLOUD').price;
      const was = await price();
      const put = await sendRaw(svc.baseUrl, 'PUT', '/v1/ecp/products/DIRECTOR_CLOUD', 'price=1.00', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      expect({ status: put.status, code: put.body.code }).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
      expect(put.contentType).toMatch(/^application\/problem\+json/);
      expect(await price()).toBe(was);
      const before = await rows();
      const posted = await sendRaw(
        svc.baseUrl,
        'POST',
        '/v1/ecp/registrations',
        new URLSearchParams({ ...registration }).toString(),
        { 'content-type': 'application/x-www-form-urlencoded' },
      );
      expect(posted.status).toBe(415);
      const bare = await sendRaw(
        svc.baseUrl,
        'POST',
        '/v1/ecp/registrations',
        new TextEncoder().encode(JSON.stringify(registration)),
      );
      expect(bare.status).toBe(415);
      const malformed = await sendRaw(svc.baseUrl, 'POST', '/v1/ecp/registrations', '{"organizationName":', {
        'content-type': 'application/json',
      });
      expect({ status: malformed.status, code: malformed.body.code }).toEqual({
        status: 400,
        code: 'MALFORMED_REQUEST',
      });
      expect(await rows()).toBe(before);
    });
  });

  it('sends no X-Powered-By, whatever the answer', async () => {
    const number = await issued();
    const answers = await Promise.all([
      sendRaw(svc.baseUrl, 'GET', `/v1/ecp/invoices/${number}`),
      sendRaw(svc.baseUrl, 'GET', '/v1/ecp/invoices/4000000000000002'),
      sendRaw(svc.baseUrl, 'GET', '/v1/ecp/invoices/1'),
      sendRaw(svc.baseUrl, 'GET', '/v1/ecp/ca'),
      sendRaw(svc.baseUrl, 'PUT', '/v1/ecp/products/DIRECTOR_CLOUD', 'price=1', { 'content-type': 'text/plain' }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 404, 400, 200, 415]);
    for (const a of answers) expect(a.headers.get('x-powered-by')).toBeNull();
  });
});
