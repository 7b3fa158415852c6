import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { sendOverSocket, sendRaw } from '../../../test/support/raw-http.js';

let nextInn = 0;
const newInn = () => `8880000${String(++nextInn).padStart(7, '0')}`;

/** Texts PostgreSQL cannot store as sent: a NUL fails the query, a lone surrogate would be stored as U+FFFD. */
const INVALID_TEXTS: Array<[string, string]> = [
  ['a NUL', 'ОсОО\u0000Тест'],
  ['a lone surrogate', 'ОсОО \uD800Тест'],
  ['a lone surrogate that trimming would reach', '  ОсОО Тест \uDC00 '],
];

describe('sochi-balance refuses bad input with a clear 4xx and changes nothing', () => {
  let svc: ServiceUnderTest;

  beforeAll(async () => {
    svc = await startService('sochi-balance', async () => (await import('../src/app.module.js')).AppModule);
  });

  afterAll(async () => {
    await svc?.close();
  });

  const call = (method: string, path: string, body?: unknown) => http(svc.baseUrl, method, path, body);
  const count = async (sql: string, params: unknown[] = []) => (await svc.db.query(sql, params)).rows[0].n as number;
  const organizations = (inn: string) => count(`SELECT count(*)::int AS n FROM organizations WHERE inn = $1`, [inn]);
  async function organization(): Promise<string> {
    const inn = newInn();
    expect((await call('POST', '/v1/sochi/organizations', { inn, name: `ОсОО ${inn}` })).status).toBe(201);
    return inn;
  }
  function expectInvalidCharacters(res: { status: number; contentType: string; body: any }, field: string) {
    expect(res.status).toBe(400);
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ field, code: 'INVALID_CHARACTERS', message: expect.any(String) }]);
  }

  describe('texts a database cannot store as sent', () => {
    it.each(INVALID_TEXTS)('refuses an organization name with %s, registering nothing', async (_, name) => {
      const inn = newInn();
      expectInvalidCharacters(await call('POST', '/v1/sochi/organizations', { inn, name }), 'name');
      expect(await organizations(inn)).toBe(0);
      expect((await call('GET', `/v1/sochi/organizations/${inn}`)).body.code).toBe('ORGANIZATION_NOT_FOUND');
    });

    it("stores a name exactly as it answers it, an emoji's surrogate pair included", async () => {
      const inn = newInn();
      const res = await call('POST', '/v1/sochi/organizations', { inn, name: ' ОсОО «Дос Тек» 😀 ' });
      expect(res.status).toBe(201);
      const { rows } = await svc.db.query(`SELECT name FROM organizations WHERE inn = $1`, [inn]);
      expect(rows[0].name).toBe(res.body.name);
      expect(res.body.name).toBe('ОсОО «Дос Тек» 😀');
    });

    it.each(INVALID_TEXTS)('refuses a report description with %s, charging nothing', async (_, description) => {
      const inn = await organization();
      expectInvalidCharacters(
        await call('POST', `/v1/sochi/organizations/${inn}/charges`, { reportId: 'R-1', description, price: '1.00' }),
        'description',
      );
      expect(await count(`SELECT count(*)::int AS n FROM report_charges WHERE inn = $1`, [inn])).toBe(0);
      expect((await call('GET', `/v1/sochi/organizations/${inn}`)).body).toMatchObject({
        balance: '0.00',
        awaitingPayment: { reports: 0 },
      });
    });

    it('names the path parameter and the query parameter that hold a NUL', async () => {
      const inn = await organization();
      expectInvalidCharacters(await call('GET', `/v1/sochi/organizations/${inn}%00`), 'inn');
      expectInvalidCharacters(
        await call('GET', `/v1/sochi/organizations/${inn}/statement?from=2026-11-01%00&to=2026-11-30`),
        'from',
      );
      expectInvalidCharacters(await call('GET', `/v1/sochi/organizations/${inn}/charges?status=PAID%00`), 'status');
    });
  });

  describe('bodies that are not JSON', () => {
    it.each([
      ['a form', 'application/x-www-form-urlencoded', (inn: string) => `inn=${inn}&name=Form`],
      [
        'multipart',
        'multipart/form-data; boundary=b',
        (inn: string) => `--b\r\nContent-Disposition: form-data; name="inn"\r\n\r\n${inn}\r\n--b--\r\n`,
      ],
      ['plain text holding JSON', 'text/plain', (inn: string) => JSON.stringify({ inn, name: 'Text' })],
    ])('refuses %s with 415 UNSUPPORTED_MEDIA_TYPE, registering nothing', async (_, type, body) => {
      const inn = newInn();
      const res = await sendRaw(svc.baseUrl, 'POST', '/v1/sochi/organizations', body(inn), { 'content-type': type });
      expect(res.status).toBe(415);
      expect(res.contentType).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
      expect(await organizations(inn)).toBe(0);
    });

    it('refuses a body without a Content-Type with 415', async () => {
      const inn = newInn();
      const res = await sendRaw(
        svc.baseUrl,
        'POST',
        '/v1/sochi/organizations',
        new TextEncoder().encode(JSON.stringify({ inn, name: 'Bare' })),
      );
      expect(res.status).toBe(415);
      expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(await organizations(inn)).toBe(0);
    });

    it('takes JSON under a +json type, and with a charset', async () => {
      const a = newInn();
      const b = newInn();
      expect(
        (
          await sendRaw(svc.baseUrl, 'POST', '/v1/sochi/organizations', JSON.stringify({ inn: a, name: 'A' }), {
            'content-type': 'application/vnd.dostek+json',
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await sendRaw(svc.baseUrl, 'POST', '/v1/sochi/organizations', JSON.stringify({ inn: b, name: 'B' }), {
            'content-type': 'application/json; charset=utf-8',
          })
        ).status,
      ).toBe(201);
    });

    it('keeps a malformed JSON body 400 MALFORMED_REQUEST, and so a body that is not UTF-8', async () => {
      const inn = newInn();
      const broken = await sendRaw(svc.baseUrl, 'POST', '/v1/sochi/organizations', `{"inn":"${inn}",`, {
        'content-type': 'application/json',
      });
      expect(broken.status).toBe(400);
      expect(broken.body.code).toBe('MALFORMED_REQUEST');
      // The UTF-8 bytes of a lone surrogate: decoded, they would become U+FFFD in the stored name.
      const bytes = Buffer.concat([
        Buffer.from(`{"inn":"${inn}","name":"ОсОО `),
        Buffer.from([0xed, 0xa0, 0x80]),
        Buffer.from('"}'),
      ]);
      const notUtf8 = await sendRaw(svc.baseUrl, 'POST', '/v1/sochi/organizations', bytes, {
        'content-type': 'application/json',
      });
      expect(notUtf8.status).toBe(400);
      expect(notUtf8.body).toMatchObject({ code: 'MALFORMED_REQUEST', detail: expect.stringMatching(/UTF-8/) });
      expect(await organizations(inn)).toBe(0);
    });
  });

  describe('what every answer leaves out', () => {
    it('sends no X-Powered-By, whatever the answer', async () => {
      const inn = await organization();
      const answers = await Promise.all([
        sendRaw(svc.baseUrl, 'GET', `/v1/sochi/organizations/${inn}`),
        sendRaw(svc.baseUrl, 'GET', '/v1/sochi/organizations/123'),
        sendRaw(svc.baseUrl, 'GET', `/v1/sochi/organizations/${newInn()}`),
        sendRaw(svc.baseUrl, 'GET', '/nowhere'),
        sendRaw(svc.baseUrl, 'POST', '/v1/sochi/organizations', 'inn=1', {
          'content-type': 'application/x-www-form-urlencoded',
        }),
        sendRaw(svc.baseUrl, 'POST', '/v1/sochi/organizations', '{', { 'content-type': 'application/json' }),
        sendRaw(svc.baseUrl, 'GET', '/health'),
        sendRaw(svc.baseUrl, 'GET', '/docs-json'),
      ]);
      expect(answers.map((a) => a.status)).toEqual([200, 400, 404, 404, 415, 400, 200, 200]);
      for (const a of answers) expect(a.headers.get('x-powered-by')).toBeNull();
    });

    it('answers a request HTTP cannot carry (a NUL in a header) with problem+json too', async () => {
      const res = await sendOverSocket(
        svc.baseUrl,
        `GET /v1/sochi/organizations/${newInn()} HTTP/1.1\r\nHost: x\r\nX-Note: a\u0000b\r\n\r\n`,
      );
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.headers).not.toHaveProperty('x-powered-by');
      expect(res.body).toMatchObject({ status: 400, code: 'MALFORMED_REQUEST' });
    });
  });
});
