import { CLOCK, DEVELOPMENT_KEY_ENCRYPTION_KEY } from '#platform';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { EcpInvoicePaymentRequestedV1, type Envelope } from '#contracts';
import { buildEnvelope } from '#messaging';
import { DataSource } from 'typeorm';
import { CertificateAuthority } from '../src/certificates/certificate-authority.js';
import { cloudKeyContext } from '../src/certificates/x509-signature.producer.js';
import { ECP_INVOICING_CONFIG } from '../src/ecp-invoicing.config.js';
import { KeySealer } from '../src/certificates/key-sealer.js';
import { subtle, x509 } from '../src/certificates/x509.js';
import { isValidInvoiceNumber } from '../src/domain/invoice-number.js';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { takeParked } from '../../../test/support/parked-store.js';
import { eventually } from '../../../test/support/eventually.js';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { makeCsr, opensslPublicKey, opensslShow, opensslVerify, tamperCsr } from './certificate-tools.js';
import { asStaff, signedFetch } from '../../../test/support/test-credentials.js';

const QUEUE = 'ecp-invoicing.events';
/** The subject of every certificate of `registration()` below, as openssl prints it. */
const REGISTERED_SUBJECT =
  'C=KG, O=ОсОО «Ала-Тоо Консалт», serialNumber=01234567890123, title=Директор, CN=Асанов Бакыт Асанович';

const registration = (overrides: Record<string, unknown> = {}) => ({
  office: 'OSH',
  organizationName: 'ОсОО «Ала-Тоо Консалт»',
  inn: '01234567890123',
  signerName: 'Асанов Бакыт Асанович',
  signerRole: 'Директор',
  phone: '996555123456',
  productCode: 'DIRECTOR_CLOUD',
  ...overrides,
});

describe('ЭЦП from registration to a certificate, against real PostgreSQL and RabbitMQ', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;
  let caPem: string;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    svc = await startService('ecp-invoicing', async () => (await import('../src/app.module.js')).AppModule, {
      ECP_EXPIRY_SWEEP_MS: '3600000',
    });
    const ca = await fetch(`${svc.baseUrl}/v1/ecp/ca`);
    expect(ca.status).toBe(200);
    expect(ca.headers.get('content-type')).toMatch(/^application\/x-pem-file/);
    caPem = await ca.text();
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  const register = async (overrides: Record<string, unknown> = {}) => {
    const res = await http(svc.baseUrl, 'POST', '/v1/ecp/registrations', registration(overrides));
    expect(res.status).toBe(201);
    return res.body;
  };
  const invoice = async (number: string) => (await http(svc.baseUrl, 'GET', `/v1/ecp/invoices/${number}`)).body;
  const download = async (number: string) => {
    const res = await signedFetch(`${svc.baseUrl}/v1/ecp/invoices/${number}/certificate`);
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
  };

  const paymentRequest = (invoiceNumber: string, amount: string, paymentId = randomUUID()) =>
    buildEnvelope(
      EcpInvoicePaymentRequestedV1,
      { paymentId, invoiceNumber, amount, payerPhone: '996555000001', requestedAt: new Date().toISOString() },
      'wallet',
      { correlationId: paymentId },
    );
  const eventFor = (type: string, invoiceNumber: string) =>
    eventually(() => {
      const [e] = tap.eventsOf(type).filter((x) => x.payload.invoiceNumber === invoiceNumber);
      expect(e).toBeDefined();
      return e;
    });
  /** Pays the invoice as the wallet would once it debited the payer, and waits for the outcome of production. */
  async function pay(
    number: string,
    amount: string,
    outcome: 'ecp.signature-produced' | 'ecp.signature-production-failed' = 'ecp.signature-produced',
  ) {
    const msg = paymentRequest(number, amount);
    await tap.publish(msg);
    await eventFor('ecp.invoice-paid', number);
    await eventFor(outcome, number);
    return msg;
  }
  async function settled(): Promise<void> {
    await eventually(async () => {
      expect(await tap.queueDepth(QUEUE)).toBe(0);
      const { rows } = await svc.db.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
      expect(rows[0].n).toBe(0);
    });
    await svc.flushOutbox();
  }

  describe('products', () => {
    it('lists the three products with their prices and 12-month validity', async () => {
      const res = await http(svc.baseUrl, 'GET', '/v1/ecp/products');
      expect(res.status).toBe(200);
      expect(
        res.body.items.map((p: Record<string, unknown>) => [p.code, p.keyStorage, p.price, p.validityMonths]),
      ).toEqual([
        ['DIRECTOR_CLOUD', 'CLOUD', '1510.00', 12],
        ['ACCOUNTANT_CLOUD', 'CLOUD', '1420.00', 12],
        ['RUTOKEN', 'TOKEN', '1200.00', 12],
      ]);
      expect(res.body.items[0].name).toBeTruthy();
    });

    it('changes a price for new invoices only', async () => {
      const before = await register({ productCode: 'ACCOUNTANT_CLOUD' });
      const changed = await http(svc.baseUrl, 'PUT', '/v1/ecp/products/ACCOUNTANT_CLOUD', { price: '1450.50' });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ code: 'ACCOUNTANT_CLOUD', price: '1450.50' });
      const after = await register({ productCode: 'ACCOUNTANT_CLOUD' });
      expect(after.invoice.amount).toBe('1450.50');
      expect((await invoice(before.invoice.number)).amount).toBe('1420.00');
      const { rows } = await svc.db.query(
        `SELECT old_price, new_price FROM product_price_changes WHERE product_code = 'ACCOUNTANT_CLOUD'`,
      );
      expect(rows).toEqual([{ old_price: '142000', new_price: '145050' }]);
      expect(
        (await http(svc.baseUrl, 'PUT', '/v1/ecp/products/ACCOUNTANT_CLOUD', { price: '1420.00' })).body.price,
      ).toBe('1420.00');
    });

    it.each([
      ['a float', { price: 1420 }, 400, 'INVALID_PRICE'],
      ['three decimals', { price: '1420.001' }, 400, 'INVALID_PRICE'],
      ['zero', { price: '0.00' }, 400, 'INVALID_PRICE'],
    ])('refuses %s as a price', async (_what, body, status, code) => {
      const res = await http(svc.baseUrl, 'PUT', '/v1/ecp/products/RUTOKEN', body);
      expect(res.status).toBe(status);
      expect(res.body.errors.map((e: { code: string }) => e.code)).toContain(code);
    });

    it('answers 404 PRODUCT_NOT_FOUND for an unknown product', async () => {
      const res = await http(svc.baseUrl, 'PUT', '/v1/ecp/products/GOLD_KEY', { price: '1.00' });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('PRODUCT_NOT_FOUND');
    });
  });

  describe('registration', () => {
    const count = async () =>
      (
        await svc.db.query(
          `SELECT (SELECT count(*) FROM registrations)::int + (SELECT count(*) FROM invoices)::int AS n`,
        )
      ).rows[0].n;

    it('registers a client and issues the invoice for the product price, with a Luhn-checked number', async () => {
      const body = await register({ office: 'JALAL_ABAD' });
      expect(body).toMatchObject({
        id: expect.any(String),
        office: 'JALAL_ABAD',
        organizationName: 'ОсОО «Ала-Тоо Консалт»',
        inn: '01234567890123',
        signerName: 'Асанов Бакыт Асанович',
        signerRole: 'Директор',
        phone: '996555123456',
        product: { code: 'DIRECTOR_CLOUD', keyStorage: 'CLOUD', validityMonths: 12 },
        csrProvided: false,
        invoice: {
          number: expect.stringMatching(/^[1-9][0-9]{15}$/),
          amount: '1510.00',
          amountDue: '1510.00',
          status: 'ISSUED',
        },
      });
      expect(isValidInvoiceNumber(body.invoice.number)).toBe(true);
      const got = await invoice(body.invoice.number);
      expect(got).toMatchObject({
        status: 'ISSUED',
        amount: '1510.00',
        amountDue: '1510.00',
        clientName: 'ОсОО «Ала-Тоо Консалт»',
        office: 'JALAL_ABAD',
        product: { code: 'DIRECTOR_CLOUD', keyStorage: 'CLOUD' },
        registration: {
          id: body.id,
          signerName: 'Асанов Бакыт Асанович',
          signerRole: 'Директор',
          phone: '996555123456',
          csrProvided: false,
        },
        certificate: null,
        history: [{ status: 'ISSUED', cause: `registration:${body.id}` }],
      });
      const issued = await eventFor('ecp.invoice-issued', body.invoice.number);
      expect(issued.payload).toMatchObject({
        registrationId: body.id,
        office: 'JALAL_ABAD',
        productCode: 'DIRECTOR_CLOUD',
        amount: '151000',
      });
      const notReady = await download(body.invoice.number);
      expect(notReady.status).toBe(404);
      expect(JSON.parse(notReady.text)).toMatchObject({ code: 'CERTIFICATE_NOT_READY', invoiceStatus: 'ISSUED' });
    });

    it.each([
      ['an INN of 13 digits', { inn: '0123456789012' }, 'INVALID_INN'],
      ['a phone without 996', { phone: '0555123456' }, 'INVALID_PHONE'],
      ['an unknown office', { office: 'BISHKEK' }, 'INVALID_OFFICE'],
      ['no signer name', { signerName: ' ' }, 'INVALID_SIGNER_NAME'],
      ['no signer role', { signerRole: undefined }, 'INVALID_SIGNER_ROLE'],
      ['a blank organization', { organizationName: '' }, 'INVALID_ORGANIZATION_NAME'],
      ['a malformed product code', { productCode: 'director' }, 'INVALID_PRODUCT_CODE'],
      ['an unknown product', { productCode: 'GOLD_KEY' }, 'UNKNOWN_PRODUCT'],
      ['a CSR that is no PEM request', { productCode: 'RUTOKEN', csr: 'hello' }, 'INVALID_CSR'],
      ['a token key without its CSR', { productCode: 'RUTOKEN' }, 'CSR_REQUIRED'],
    ])('refuses %s with 400 VALIDATION_FAILED and creates nothing', async (_what, overrides, code) => {
      const before = await count();
      const res = await http(svc.baseUrl, 'POST', '/v1/ecp/registrations', registration(overrides));
      expect(res.status).toBe(400);
      expect(res.contentType).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { code: string }) => e.code)).toContain(code);
      expect(await count()).toBe(before);
    });

    it('refuses a CSR for a cloud key, which Dos Tek generates', async () => {
      const res = await http(svc.baseUrl, 'POST', '/v1/ecp/registrations', registration({ csr: await makeCsr() }));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'csr', code: 'CSR_NOT_ALLOWED' })]);
    });
  });

  describe('signature production', () => {
    it('issues a cloud-key certificate after payment that verifies against the CA, with the registered subject, 12 months, signing key usages', async () => {
      const reg = await register();
      const number = reg.invoice.number;
      const msg = await pay(number, '151000');

      const got = await invoice(number);
      expect(got).toMatchObject({ status: 'SIGNATURE_PRODUCED', amountDue: '0.00', paymentId: msg.payload.paymentId });
      expect(got.certificate).toMatchObject({
        keySource: 'CLOUD',
        serialNumber: expect.stringMatching(/^[0-9a-f]{32}$/),
        download: `/v1/ecp/invoices/${number}/certificate`,
      });
      expect(got.history.map((h: { status: string }) => h.status)).toEqual(['ISSUED', 'PAID', 'SIGNATURE_PRODUCED']);

      const cert = await download(number);
      expect(cert.status).toBe(200);
      expect(cert.contentType).toMatch(/^application\/x-pem-file/);
      expect(cert.text).toMatch(/^-----BEGIN CERTIFICATE-----/);
      expect(opensslVerify(caPem, cert.text)).toMatch(/: OK$/);

      const shown = opensslShow(cert.text);
      expect(shown.subject).toBe(REGISTERED_SUBJECT);
      expect(shown.serial).toBe(got.certificate.serialNumber);
      expect(got.certificate.subject).toBe(shown.subject);
      const oneYearLater = new Date(shown.notBefore);
      oneYearLater.setUTCFullYear(oneYearLater.getUTCFullYear() + 1);
      expect(shown.notAfter).toEqual(oneYearLater);
      expect(Math.abs(shown.notBefore.getTime() - Date.parse(got.signatureProductionStartedAt))).toBeLessThan(1000);
      expect(shown.text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation/);
      expect(shown.text).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);

      // The private key is kept, sealed: not readable in the database, and it is the key the certificate certifies.
      const { rows } = await svc.db.query(
        `SELECT private_key_sealed, key_encryption_key_id FROM certificates WHERE invoice_number = $1`,
        [number],
      );
      const sealed: Buffer = rows[0].private_key_sealed;
      expect(sealed.includes(Buffer.from('PRIVATE KEY'))).toBe(false);
      const sealer = new KeySealer([DEVELOPMENT_KEY_ENCRYPTION_KEY]);
      expect(rows[0].key_encryption_key_id).toBe('development');
      const privateKey = await subtle.importKey(
        'pkcs8',
        sealer.open(sealed, 'development', cloudKeyContext(number)),
        { name: 'ECDSA', namedCurve: 'P-256' },
        true,
        ['sign'],
      );
      const data = Buffer.from('документ на подпись');
      const signature = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, data);
      const publicKey = await new x509.X509Certificate(cert.text).publicKey.export();
      expect(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey as never, signature, data)).toBe(true);
    });

    it.each(['ec', 'rsa'] as const)('certifies the key of a token CSR (%s) given at registration', async (kind) => {
      const csr = await makeCsr(kind);
      const reg = await register({ productCode: 'RUTOKEN', office: 'ONLINE', csr });
      expect(reg).toMatchObject({ csrProvided: true, invoice: { amount: '1200.00' } });
      await pay(reg.invoice.number, '120000');
      const cert = await download(reg.invoice.number);
      expect(cert.status).toBe(200);
      expect(opensslVerify(caPem, cert.text)).toMatch(/: OK$/);
      expect(opensslPublicKey(cert.text, 'x509')).toBe(opensslPublicKey(csr, 'req'));
      // The subject is the registration's, whatever the CSR says about itself (CN=Rutoken ECP, O=Client).
      expect(opensslShow(cert.text).subject).toBe(REGISTERED_SUBJECT);
      const { rows } = await svc.db.query(
        `SELECT key_source, private_key_sealed FROM certificates WHERE invoice_number = $1`,
        [reg.invoice.number],
      );
      expect(rows[0]).toEqual({ key_source: 'CSR', private_key_sealed: null });
    });

    it('puts a paid invoice with a bad CSR in PRODUCTION_FAILED, keeps the payment, and produces after staff give a good CSR', async () => {
      const reg = await register({ productCode: 'RUTOKEN', csr: tamperCsr(await makeCsr()) });
      const number = reg.invoice.number;
      const msg = await pay(number, '120000', 'ecp.signature-production-failed');

      const failedEvent = await eventFor('ecp.signature-production-failed', number);
      expect(failedEvent.payload).toMatchObject({
        paymentId: msg.payload.paymentId,
        code: 'CSR_SIGNATURE_INVALID',
        reason: expect.any(String),
      });
      const failed = await invoice(number);
      expect(failed).toMatchObject({
        status: 'PRODUCTION_FAILED',
        paymentId: msg.payload.paymentId,
        paidAt: expect.any(String),
        productionFailure: {
          code: 'CSR_SIGNATURE_INVALID',
          reason: expect.stringMatching(/not signed by the key/),
          attempts: 1,
        },
        certificate: null,
      });
      expect((await download(number)).status).toBe(404);

      // A redelivered confirmation cannot fix a bad CSR: nothing changes, nothing is parked.
      const paid = (await eventFor('ecp.invoice-paid', number)) as Envelope;
      await tap.publish({ ...paid, messageId: randomUUID() });
      await settled();
      expect(await invoice(number)).toEqual(failed);
      expect(await takeParked(svc.db)).toEqual([]);

      // Another bad CSR is refused up front and changes nothing.
      const bad = await http(svc.baseUrl, 'POST', `/v1/ecp/invoices/${number}/csr`, {
        csr: tamperCsr(await makeCsr()),
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'csr', code: 'CSR_SIGNATURE_INVALID' })]);
      expect((await invoice(number)).status).toBe('PRODUCTION_FAILED');

      const goodCsr = await makeCsr();
      const fixed = await http(svc.baseUrl, 'POST', `/v1/ecp/invoices/${number}/csr`, { csr: goodCsr });
      expect(fixed.status).toBe(200);
      expect(fixed.body).toMatchObject({
        status: 'SIGNATURE_PRODUCED',
        productionFailure: null,
        certificate: { keySource: 'CSR' },
      });
      expect(fixed.body.history.map((h: { status: string; cause: string }) => `${h.status} ${h.cause}`)).toEqual([
        `ISSUED registration:${reg.id}`,
        `PAID payment:${msg.payload.paymentId}`,
        `PRODUCTION_FAILED message:${paid.messageId} CSR_SIGNATURE_INVALID`,
        'SIGNATURE_PRODUCED staff:new-csr',
      ]);
      const produced = await eventFor('ecp.signature-produced', number);
      expect(produced.payload.paymentId).toBe(msg.payload.paymentId);
      expect(produced.correlationId).toBe(msg.payload.paymentId);
      // The replacement is audited once (the refused one changed nothing and is not), naming the billing staff.
      const audit = await http(
        svc.baseUrl,
        'GET',
        `/v1/audit?subject=invoice:${number}`,
        undefined,
        await asStaff('auditor'),
      );
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          actor: 'staff:staff-billing',
          action: 'ecp.csr-replaced',
          before: { status: 'PRODUCTION_FAILED' },
          after: expect.objectContaining({ publicKeySha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
        }),
      ]);

      const cert = await download(number);
      expect(opensslVerify(caPem, cert.text)).toMatch(/: OK$/);
      expect(opensslPublicKey(cert.text, 'x509')).toBe(opensslPublicKey(goodCsr, 'req'));
      // Only the key comes from the new CSR: the subject is still the registration's.
      expect(opensslShow(cert.text).subject).toBe(REGISTERED_SUBJECT);

      const again = await http(svc.baseUrl, 'POST', `/v1/ecp/invoices/${number}/csr`, { csr: await makeCsr() });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('CSR_NOT_REPLACEABLE');
    });

    it('fails a token key registered before a CSR was required as CSR_REQUIRED, and produces once staff give one', async () => {
      const reg = await register({ productCode: 'RUTOKEN', csr: await makeCsr() });
      // As registered before a token key had to come with its CSR.
      await svc.db.query(`UPDATE registrations SET csr_pem = NULL WHERE id = $1`, [reg.id]);
      await pay(reg.invoice.number, '120000', 'ecp.signature-production-failed');
      expect((await invoice(reg.invoice.number)).productionFailure).toMatchObject({ code: 'CSR_REQUIRED' });

      const csr = await makeCsr();
      const fixed = await http(svc.baseUrl, 'POST', `/v1/ecp/invoices/${reg.invoice.number}/csr`, { csr });
      expect(fixed.status).toBe(200);
      expect(fixed.body).toMatchObject({ status: 'SIGNATURE_PRODUCED', registration: { csrProvided: true } });
      const cert = (await download(reg.invoice.number)).text;
      expect(opensslPublicKey(cert, 'x509')).toBe(opensslPublicKey(csr, 'req'));
      expect(opensslShow(cert).subject).toBe(REGISTERED_SUBJECT);
    });

    it('refuses a CSR for a cloud key and for an unknown invoice', async () => {
      const reg = await register();
      const cloud = await http(svc.baseUrl, 'POST', `/v1/ecp/invoices/${reg.invoice.number}/csr`, {
        csr: await makeCsr(),
      });
      expect(cloud.status).toBe(409);
      expect(cloud.body.code).toBe('CSR_NOT_APPLICABLE');
      const unknown = await http(svc.baseUrl, 'POST', '/v1/ecp/invoices/4539578763621486/csr', {
        csr: await makeCsr(),
      });
      expect(unknown.status).toBe(404);
    });

    it('produces one certificate however often the confirmation is redelivered', async () => {
      const reg = await register({ productCode: 'ACCOUNTANT_CLOUD' });
      const number = reg.invoice.number;
      await pay(number, '142000');
      const paid = (await eventFor('ecp.invoice-paid', number)) as Envelope;
      const first = await download(number);

      await tap.publish(paid);
      await tap.publish({ ...paid, messageId: randomUUID() });
      await tap.publish({ ...paid, messageId: randomUUID() });
      await settled();

      const { rows } = await svc.db.query(`SELECT count(*)::int AS n FROM certificates WHERE invoice_number = $1`, [
        number,
      ]);
      expect(rows[0].n).toBe(1);
      expect(tap.eventsOf('ecp.signature-produced').filter((e) => e.payload.invoiceNumber === number)).toHaveLength(1);
      expect((await download(number)).text).toBe(first.text);
      // And the database itself refuses a second certificate for the invoice.
      await expect(
        svc.db.query(
          `INSERT INTO certificates (invoice_number, serial_number, subject, not_before, not_after, key_source, public_key_sha256, certificate_pem, issued_at)
           SELECT invoice_number, '01', subject, not_before, not_after, 'CSR', public_key_sha256, certificate_pem, issued_at FROM certificates WHERE invoice_number = $1`,
          [number],
        ),
      ).rejects.toMatchObject({ code: '23505' });
    });

    it('gives every certificate its own serial number', async () => {
      const { rows } = await svc.db.query(
        `SELECT count(*)::int AS n, count(DISTINCT serial_number)::int AS d FROM certificates`,
      );
      expect(rows[0].n).toBeGreaterThan(3);
      expect(rows[0].d).toBe(rows[0].n);
    });
  });

  it('stores one development CA, and instances starting together agree on one', async () => {
    const { rows } = await svc.db.query(
      `SELECT certificate_pem, private_key_sealed, key_encryption_key_id FROM certificate_authority`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].certificate_pem).toBe(caPem);

    // As if on a fresh database: three instances start at once; the advisory lock lets one generate, the others load it.
    await svc.db.query(`DELETE FROM certificate_authority`);
    try {
      const instances = [1, 2, 3].map(
        () =>
          new CertificateAuthority(
            svc.app.get(DataSource),
            svc.app.get(ECP_INVOICING_CONFIG),
            svc.app.get(KeySealer),
            svc.app.get(CLOCK),
          ),
      );
      const serials = await Promise.all(instances.map(async (ca) => (await ca.ready()).certificate.serialNumber));
      expect(new Set(serials).size).toBe(1);
      expect((await svc.db.query(`SELECT count(*)::int AS n FROM certificate_authority`)).rows[0].n).toBe(1);
    } finally {
      await svc.db.query(`DELETE FROM certificate_authority`);
      await svc.db.query(
        `INSERT INTO certificate_authority (certificate_pem, private_key_sealed, key_encryption_key_id) VALUES ($1, $2, $3)`,
        [rows[0].certificate_pem, rows[0].private_key_sealed, rows[0].key_encryption_key_id],
      );
    }
  });
});
