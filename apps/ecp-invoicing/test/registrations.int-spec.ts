import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { EcpInvoicePaymentRequestedV1 } from '#contracts';
import { buildEnvelope } from '#messaging';
import { isValidInvoiceNumber } from '../src/domain/invoice-number.js';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { eventually } from '../../../test/support/eventually.js';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { makeCsr, opensslPublicKey, opensslShow, opensslVerify } from './certificate-tools.js';
import { signedFetch } from '../../../test/support/test-credentials.js';

const VICTIM = {
  office: 'OSH',
  organizationName: 'ОсОО «Жертва Трейд»',
  inn: '01234567890123',
  signerName: 'Исмаилова Гульнара Бакытовна',
  signerRole: 'Директор',
  phone: '996555123456',
  productCode: 'DIRECTOR_CLOUD',
};
const VICTIM_SUBJECT =
  'C=KG, O=ОсОО «Жертва Трейд», serialNumber=01234567890123, title=Директор, CN=Исмаилова Гульнара Бакытовна';
// 2.5.4.5 is serialNumber: the stranger's CSR names another organization and INN.
const STRANGER_NAME = 'CN=Чужой Человек, O=ОсОО «Чужая», 2.5.4.5=09999999999999';

/**
 * Whose identity a certificate carries: only a registration's. No invoice is issued by hand, a key is bound at
 * registration, and staff re-issue a registration's invoice once the last one expired or was cancelled.
 */
describe('ЭЦП registrations and the identity a certificate carries, against real PostgreSQL and RabbitMQ', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;
  let caPem: string;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    // The periodic sweep is left out, so that an overdue invoice nobody recorded as expired can be seen.
    svc = await startService('ecp-invoicing', async () => (await import('../src/app.module.js')).AppModule, {
      ECP_EXPIRY_SWEEP_MS: '3600000',
    });
    caPem = await (await fetch(`${svc.baseUrl}/v1/ecp/ca`)).text();
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  const register = async (overrides: Record<string, unknown> = {}) => {
    const res = await http(svc.baseUrl, 'POST', '/v1/ecp/registrations', { ...VICTIM, ...overrides });
    expect(res.status).toBe(201);
    return res.body;
  };
  const invoice = async (number: string) => (await http(svc.baseUrl, 'GET', `/v1/ecp/invoices/${number}`)).body;
  const registration = (id: string) => http(svc.baseUrl, 'GET', `/v1/ecp/registrations/${id}`);
  const reissue = (id: string) => http(svc.baseUrl, 'POST', `/v1/ecp/registrations/${id}/invoices`);
  const certificate = async (number: string) =>
    (await signedFetch(`${svc.baseUrl}/v1/ecp/invoices/${number}/certificate`)).text();
  /** Everything a request could have created: registrations, invoices, their transitions, events. */
  const footprint = async () =>
    (
      await svc.db.query(
        `SELECT (SELECT count(*) FROM registrations)::int AS registrations, (SELECT count(*) FROM invoices)::int AS invoices,
                (SELECT count(*) FROM invoice_transitions)::int AS transitions, (SELECT count(*) FROM outbox)::int AS events`,
      )
    ).rows[0];
  /** As if the invoice had been issued 31 days ago: its 30 days ran out a day ago, and nobody recorded it yet. */
  const age = (number: string) =>
    svc.db.query(
      `UPDATE invoices SET issued_at = now() - interval '31 days', expires_at = now() - interval '1 day' WHERE number = $1`,
      [number],
    );
  const eventFor = (type: string, invoiceNumber: string) =>
    eventually(() => {
      const [e] = tap.eventsOf(type).filter((x) => x.payload.invoiceNumber === invoiceNumber);
      expect(e).toBeDefined();
      return e;
    });
  /** Pays the invoice as the wallet would once it debited the payer, and waits for the outcome of production. */
  async function pay(number: string, amount: string, outcome = 'ecp.signature-produced') {
    const paymentId = randomUUID();
    await tap.publish(
      buildEnvelope(
        EcpInvoicePaymentRequestedV1,
        { paymentId, invoiceNumber: number, amount, payerPhone: '996555000001', requestedAt: new Date().toISOString() },
        'wallet',
        { correlationId: paymentId },
      ),
    );
    await eventFor('ecp.invoice-paid', number);
    await eventFor(outcome, number);
    return paymentId;
  }

  describe('no invoice without a registration', () => {
    it('answers POST /v1/ecp/invoices (any amount, any name) with 404 and creates nothing', async () => {
      const before = await footprint();
      for (const body of [
        { amount: '0.01', inn: '01234567890123', clientName: 'ОсОО «Любое имя»', office: 'ONLINE' },
        { amount: '1510.00', inn: '01234567890123', clientName: 'ИП Асанов Бакыт', office: 'OSH' },
      ]) {
        const res = await http(svc.baseUrl, 'POST', '/v1/ecp/invoices', body);
        expect(res.status).toBe(404);
        expect(res.contentType).toMatch(/application\/problem\+json/);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      expect(await footprint()).toEqual(before);
      const docs = await http(svc.baseUrl, 'GET', '/docs-json');
      // Staff list invoices there (GET); nobody creates one there.
      expect(docs.body.paths['/v1/ecp/invoices']?.post).toBeUndefined();
    });

    it("issues a registration's invoice for the product's price, whatever amount the request names", async () => {
      const reg = await register({ amount: '0.01', price: '0.01' });
      expect(reg.invoice).toMatchObject({ amount: '1510.00', amountDue: '1510.00', status: 'ISSUED' });
      expect((await invoice(reg.invoice.number)).amount).toBe('1510.00');
    });

    it('refuses, by the database too, an unpaid invoice that belongs to no registration', async () => {
      await expect(
        svc.db.query(
          `INSERT INTO invoices (number, client_name, inn, office, amount, issued_at, expires_at) VALUES ('4539578763621486', 'ОсОО «Любое имя»', '01234567890123', 'ONLINE', 1, now(), now() + interval '1 day')`,
        ),
      ).rejects.toMatchObject({ code: '23514' });
    });
  });

  describe("a stranger's CSR for someone else's invoice", () => {
    it('is refused 409 before payment and changes nothing; the paid certificate has the key and the subject of the registration', async () => {
      const victimCsr = await makeCsr();
      const reg = await register({ productCode: 'RUTOKEN', csr: victimCsr });
      const number = reg.invoice.number;
      const before = { invoice: await invoice(number), footprint: await footprint() };

      const strangerCsr = await makeCsr('ec', STRANGER_NAME);
      const res = await http(svc.baseUrl, 'POST', `/v1/ecp/invoices/${number}/csr`, { csr: strangerCsr });
      expect(res.status).toBe(409);
      expect(res.contentType).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'CSR_NOT_REPLACEABLE', invoiceStatus: 'ISSUED' });
      expect(await invoice(number)).toEqual(before.invoice);
      expect(await footprint()).toEqual(before.footprint);
      const { rows } = await svc.db.query(`SELECT csr_pem FROM registrations WHERE id = $1`, [reg.id]);
      expect(rows[0].csr_pem).toBe(victimCsr);

      await pay(number, '120000');
      const cert = await certificate(number);
      expect(opensslVerify(caPem, cert)).toMatch(/: OK$/);
      expect(opensslPublicKey(cert, 'x509')).toBe(opensslPublicKey(victimCsr, 'req'));
      expect(opensslPublicKey(cert, 'x509')).not.toBe(opensslPublicKey(strangerCsr, 'req'));
      expect(opensslShow(cert).subject).toBe(VICTIM_SUBJECT);

      // Produced, the key is final too.
      const late = await http(svc.baseUrl, 'POST', `/v1/ecp/invoices/${number}/csr`, { csr: strangerCsr });
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: 'CSR_NOT_REPLACEABLE', invoiceStatus: 'SIGNATURE_PRODUCED' });
      expect(await certificate(number)).toBe(cert);
    });

    it('is refused 409 for a cloud key; the certificate certifies the key Dos Tek generated, with the subject of the registration', async () => {
      const reg = await register();
      const number = reg.invoice.number;
      const before = { invoice: await invoice(number), footprint: await footprint() };
      const strangerCsr = await makeCsr('ec', STRANGER_NAME);
      const res = await http(svc.baseUrl, 'POST', `/v1/ecp/invoices/${number}/csr`, { csr: strangerCsr });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'CSR_NOT_APPLICABLE', invoiceStatus: 'ISSUED' });
      expect(await invoice(number)).toEqual(before.invoice);
      expect(await footprint()).toEqual(before.footprint);

      await pay(number, '151000');
      const cert = await certificate(number);
      expect(opensslVerify(caPem, cert)).toMatch(/: OK$/);
      expect(opensslPublicKey(cert, 'x509')).not.toBe(opensslPublicKey(strangerCsr, 'req'));
      expect(opensslShow(cert).subject).toBe(VICTIM_SUBJECT);
      const { rows } = await svc.db.query(
        `SELECT key_source, private_key_sealed IS NOT NULL AS sealed FROM certificates WHERE invoice_number = $1`,
        [number],
      );
      expect(rows[0]).toEqual({ key_source: 'CLOUD', sealed: true });
    });
  });

  describe('re-issuing an invoice (billing staff)', () => {
    it("re-issues an expired registration's invoice at the product's current price, recording the expiry first", async () => {
      const reg = await register({ productCode: 'ACCOUNTANT_CLOUD', office: 'JALAL_ABAD' });
      const old = reg.invoice.number;
      await age(old);
      expect((await http(svc.baseUrl, 'PUT', '/v1/ecp/products/ACCOUNTANT_CLOUD', { price: '1490.00' })).status).toBe(
        200,
      );
      try {
        const res = await reissue(reg.id);
        expect(res.status).toBe(201);
        const number = res.body.number;
        expect(number).not.toBe(old);
        expect(isValidInvoiceNumber(number)).toBe(true);
        expect(res.body).toMatchObject({
          status: 'ISSUED',
          amount: '1490.00',
          amountDue: '1490.00',
          clientName: 'ОсОО «Жертва Трейд»',
          inn: '01234567890123',
          office: 'JALAL_ABAD',
          product: { code: 'ACCOUNTANT_CLOUD' },
          registration: { id: reg.id, signerName: VICTIM.signerName, signerRole: 'Директор' },
          paymentId: null,
          certificate: null,
          history: [{ status: 'ISSUED', cause: 'staff:reissue' }],
        });
        expect(Date.parse(res.body.expiresAt) - Date.parse(res.body.issuedAt)).toBe(30 * 86_400_000);
        const issued = await eventFor('ecp.invoice-issued', number);
        expect(issued.payload).toMatchObject({
          registrationId: reg.id,
          productCode: 'ACCOUNTANT_CLOUD',
          amount: '149000',
          office: 'JALAL_ABAD',
        });
        expect(issued.correlationId).toBe(reg.id);

        const expired = await invoice(old);
        expect(expired).toMatchObject({ status: 'EXPIRED', amount: '1420.00', expiredAt: expect.any(String) });
        expect(expired.history.at(-1)).toMatchObject({ status: 'EXPIRED', cause: 'expiry:reissue' });
        expect((await eventFor('ecp.invoice-expired', old)).correlationId).toBe(reg.id);

        const shown = await registration(reg.id);
        expect(shown.status).toBe(200);
        expect(
          shown.body.invoices.map((i: { number: string; status: string; amount: string }) => [
            i.number,
            i.status,
            i.amount,
          ]),
        ).toEqual([
          [old, 'EXPIRED', '1420.00'],
          [number, 'ISSUED', '1490.00'],
        ]);

        // The new invoice is paid like any other, and the certificate is the registration's.
        await pay(number, '149000');
        expect(opensslShow(await certificate(number)).subject).toBe(VICTIM_SUBJECT);
      } finally {
        await http(svc.baseUrl, 'PUT', '/v1/ecp/products/ACCOUNTANT_CLOUD', { price: '1420.00' });
      }
    });

    it("re-issues a cancelled registration's invoice, keeping the registered CSR for the token key", async () => {
      const csr = await makeCsr();
      const reg = await register({ productCode: 'RUTOKEN', csr });
      expect(
        (await http(svc.baseUrl, 'POST', `/v1/ecp/invoices/${reg.invoice.number}/cancel`, { reason: 'не тот продукт' }))
          .status,
      ).toBe(200);
      const res = await reissue(reg.id);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: 'ISSUED',
        amount: '1200.00',
        registration: { id: reg.id, csrProvided: true },
      });
      await pay(res.body.number, '120000');
      expect(opensslPublicKey(await certificate(res.body.number), 'x509')).toBe(opensslPublicKey(csr, 'req'));
    });

    it.each([
      ['ISSUED', async () => (await register()).id],
      [
        'SIGNATURE_PRODUCED',
        async () => {
          const reg = await register();
          await pay(reg.invoice.number, '151000');
          return reg.id;
        },
      ],
      [
        'PAID',
        async () => {
          const reg = await register();
          // Paid, its production not yet run (say, its confirmation waits for a retry).
          await svc.db.query(
            `UPDATE invoices SET status = 'PAID', paid_at = now(), payment_id = $2 WHERE number = $1`,
            [reg.invoice.number, randomUUID()],
          );
          return reg.id;
        },
      ],
      [
        'PRODUCTION_FAILED',
        async () => {
          const reg = await register({ productCode: 'RUTOKEN', csr: await makeCsr() });
          await svc.db.query(`UPDATE registrations SET csr_pem = NULL WHERE id = $1`, [reg.id]);
          await pay(reg.invoice.number, '120000', 'ecp.signature-production-failed');
          return reg.id;
        },
      ],
    ] as const)(
      'refuses with 409 REGISTRATION_HAS_LIVE_INVOICE while its invoice is %s, and creates nothing',
      async (status, prepare) => {
        const id = await prepare();
        const [live] = (await registration(id)).body.invoices;
        const before = await footprint();
        const res = await reissue(id);
        expect(res.status).toBe(409);
        expect(res.contentType).toMatch(/application\/problem\+json/);
        expect(res.body).toMatchObject({
          code: 'REGISTRATION_HAS_LIVE_INVOICE',
          invoiceNumber: live.number,
          invoiceStatus: status,
        });
        expect(await footprint()).toEqual(before);
      },
    );

    it('issues one invoice when staff re-issue the same registration several times at once', async () => {
      const reg = await register();
      await age(reg.invoice.number);
      const answers = await Promise.all(Array.from({ length: 6 }, () => reissue(reg.id)));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      const created = answers.find((a) => a.status === 201)!.body.number;
      for (const refused of answers.filter((a) => a.status === 409))
        expect(refused.body).toMatchObject({ invoiceNumber: created, invoiceStatus: 'ISSUED' });
      expect((await registration(reg.id)).body.invoices.map((i: { status: string }) => i.status)).toEqual([
        'EXPIRED',
        'ISSUED',
      ]);
    });

    it('answers 404 REGISTRATION_NOT_FOUND for an unknown registration and 400 for an id that is no UUID', async () => {
      const before = await footprint();
      const unknown = await reissue(randomUUID());
      expect(unknown.status).toBe(404);
      expect(unknown.contentType).toMatch(/application\/problem\+json/);
      expect(unknown.body.code).toBe('REGISTRATION_NOT_FOUND');
      const bad = await reissue('not-a-uuid');
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field: 'id', code: 'INVALID_REGISTRATION_ID' })],
      });
      expect(await footprint()).toEqual(before);
    });
  });

  describe('GET /v1/ecp/registrations/{id}', () => {
    it('shows the registration, its product and its invoices', async () => {
      const reg = await register({ office: 'ONLINE' });
      const res = await registration(reg.id);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: reg.id,
        office: 'ONLINE',
        organizationName: VICTIM.organizationName,
        inn: VICTIM.inn,
        signerName: VICTIM.signerName,
        signerRole: VICTIM.signerRole,
        phone: VICTIM.phone,
        product: { code: 'DIRECTOR_CLOUD', name: expect.any(String), keyStorage: 'CLOUD', validityMonths: 12 },
        csrProvided: false,
        createdAt: reg.createdAt,
        invoices: [
          {
            number: reg.invoice.number,
            status: 'ISSUED',
            amount: '1510.00',
            amountDue: '1510.00',
            issuedAt: reg.invoice.issuedAt,
            expiresAt: reg.invoice.expiresAt,
            paidAt: null,
            detail: `/v1/ecp/invoices/${reg.invoice.number}`,
          },
        ],
      });
      await age(reg.invoice.number);
      expect((await registration(reg.id)).body.invoices[0]).toMatchObject({ status: 'EXPIRED', amountDue: '0.00' });
    });

    it('answers 404 REGISTRATION_NOT_FOUND and 400 INVALID_REGISTRATION_ID', async () => {
      const unknown = await registration(randomUUID());
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('REGISTRATION_NOT_FOUND');
      const bad = await registration('42');
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].code).toBe('INVALID_REGISTRATION_ID');
    });
  });

  describe('invoice numbers and lookups', () => {
    it('gives every invoice its own 16-digit Luhn-checked number', async () => {
      const created = await Promise.all(
        Array.from({ length: 20 }, () => http(svc.baseUrl, 'POST', '/v1/ecp/registrations', VICTIM)),
      );
      expect(created.map((r) => r.status)).toEqual(Array(20).fill(201));
      const numbers = created.map((r) => r.body.invoice.number as string);
      expect(new Set(numbers).size).toBe(20);
      expect(numbers.every((n) => /^[1-9][0-9]{15}$/.test(n) && isValidInvoiceNumber(n))).toBe(true);
    });

    it('refuses a registration body that is not JSON and creates nothing', async () => {
      const before = await footprint();
      const res = await http(svc.baseUrl, 'POST', '/v1/ecp/registrations', '{"office": ', {
        'content-type': 'application/json',
      });
      expect(res.status).toBe(400);
      expect(res.contentType).toMatch(/application\/problem\+json/);
      expect(await footprint()).toEqual(before);
    });

    it.each(['123', '12345678901234567', '453957876362148a'])(
      'refuses the number %s with 400 VALIDATION_FAILED',
      async (number) => {
        const res = await http(svc.baseUrl, 'GET', `/v1/ecp/invoices/${number}`);
        expect(res.status).toBe(400);
        expect(res.contentType).toMatch(/application\/problem\+json/);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.errors[0].code).toBe('INVALID_INVOICE_NUMBER');
      },
    );

    it('answers 404 INVOICE_NOT_FOUND for a number no invoice has', async () => {
      const res = await http(svc.baseUrl, 'GET', '/v1/ecp/invoices/4539578763621486');
      expect(res.status).toBe(404);
      expect(res.contentType).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('INVOICE_NOT_FOUND');
    });

    it('documents the registration body from the same schema that validates it', async () => {
      const docs = await http(svc.baseUrl, 'GET', '/docs-json');
      const schema = docs.body.paths['/v1/ecp/registrations'].post.requestBody.content['application/json'].schema;
      expect(schema.required).toEqual(
        expect.arrayContaining([
          'office',
          'organizationName',
          'inn',
          'signerName',
          'signerRole',
          'phone',
          'productCode',
        ]),
      );
      expect(schema.properties.office.enum).toEqual(['OSH', 'JALAL_ABAD', 'ONLINE']);
      expect(schema.properties.amount).toBeUndefined();
      expect(Object.keys(docs.body.paths['/v1/ecp/registrations/{id}/invoices'])).toEqual(['post']);
    });
  });
});
