import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isValidInvoiceNumber } from '../src/domain/invoice-number.js';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';

const INN = '01234567890123';
const valid = { clientName: 'ИП Асанов Бакыт', inn: INN, office: 'OSH', amount: '1510.00' };

describe('ecp-invoicing HTTP API against real PostgreSQL', () => {
  let svc: ServiceUnderTest;

  beforeAll(async () => {
    svc = await startService('ecp-invoicing', async () => (await import('../src/app.module.js')).AppModule);
  });

  afterAll(async () => {
    await svc?.close();
  });

  const invoiceCount = async () => (await svc.db.query(`SELECT count(*)::int AS n FROM invoices`)).rows[0].n as number;

  it('issues an invoice with a 16-digit Luhn-checked number, readable with its history', async () => {
    const res = await http(svc.baseUrl, 'POST', '/v1/ecp/invoices', valid);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      number: expect.stringMatching(/^[1-9][0-9]{15}$/),
      status: 'ISSUED',
      amount: '1510.00',
      amountDue: '1510.00',
      clientName: valid.clientName,
      inn: INN,
      office: 'OSH',
      issuedAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    // Payable for the default 30 days.
    expect(Date.parse(res.body.expiresAt) - Date.parse(res.body.issuedAt)).toBe(30 * 86_400_000);
    expect(isValidInvoiceNumber(res.body.number)).toBe(true);

    const got = await http(svc.baseUrl, 'GET', `/v1/ecp/invoices/${res.body.number}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual({
      ...res.body,
      product: null,
      registration: null,
      paidAt: null,
      paymentId: null,
      expiredAt: null,
      cancelledAt: null,
      cancellationReason: null,
      signatureProductionStartedAt: null,
      signatureProducedAt: null,
      productionFailure: null,
      certificate: null,
      history: [{ status: 'ISSUED', at: res.body.issuedAt, cause: 'office:OSH' }],
    });
    const { rows } = await svc.db.query(`SELECT amount FROM invoices WHERE number = $1`, [res.body.number]);
    expect(rows[0].amount).toBe('151000');
  });

  it.each([
    ['JALAL_ABAD', '1510', '1510.00'],
    ['ONLINE', '99.5', '99.50'],
    ['ONLINE', '0.01', '0.01'],
  ])('issues for %s with amount %s as %s', async (office, amount, shown) => {
    const res = await http(svc.baseUrl, 'POST', '/v1/ecp/invoices', { ...valid, office, amount });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ office, amount: shown, amountDue: shown });
  });

  it('gives every invoice its own number', async () => {
    const created = await Promise.all(Array.from({ length: 20 }, () => http(svc.baseUrl, 'POST', '/v1/ecp/invoices', valid)));
    const numbers = created.map((r) => r.body.number as string);
    expect(new Set(numbers).size).toBe(20);
    expect(numbers.every(isValidInvoiceNumber)).toBe(true);
  });

  it.each([
    ['an INN of 3 digits', { ...valid, inn: '123' }, 'INVALID_INN'],
    ['an INN with a letter', { ...valid, inn: '0123456789012a' }, 'INVALID_INN'],
    ['an unknown office', { ...valid, office: 'BISHKEK' }, 'INVALID_OFFICE'],
    ['three decimal places', { ...valid, amount: '15.001' }, 'INVALID_AMOUNT'],
    ['a zero amount', { ...valid, amount: '0.00' }, 'INVALID_AMOUNT'],
    ['a negative amount', { ...valid, amount: '-1.00' }, 'INVALID_AMOUNT'],
    ['an exponent', { ...valid, amount: '1e3' }, 'INVALID_AMOUNT'],
    ['a decimal comma', { ...valid, amount: '1510,00' }, 'INVALID_AMOUNT'],
    ['an amount too large', { ...valid, amount: '1000000.01' }, 'INVALID_AMOUNT'],
    ['a JSON number as amount', { ...valid, amount: 1510 }, 'INVALID_AMOUNT'],
    ['no amount', { clientName: valid.clientName, inn: INN, office: 'OSH' }, 'INVALID_AMOUNT'],
    ['a blank client name', { ...valid, clientName: '   ' }, 'INVALID_CLIENT_NAME'],
  ])('refuses %s with 400 problem+json and creates nothing', async (_what, body, fieldCode) => {
    const before = await invoiceCount();
    const res = await http(svc.baseUrl, 'POST', '/v1/ecp/invoices', body);
    expect(res.status).toBe(400);
    expect(res.contentType).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { code: string }) => e.code)).toContain(fieldCode);
    expect(await invoiceCount()).toBe(before);
  });

  it('refuses a body that is not JSON and creates nothing', async () => {
    const before = await invoiceCount();
    const res = await http(svc.baseUrl, 'POST', '/v1/ecp/invoices', '{"amount": ', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.contentType).toMatch(/application\/problem\+json/);
    expect(await invoiceCount()).toBe(before);
  });

  it.each(['123', '12345678901234567', '453957876362148a'])('refuses the number %s with 400 VALIDATION_FAILED', async (number) => {
    const res = await http(svc.baseUrl, 'GET', `/v1/ecp/invoices/${number}`);
    expect(res.status).toBe(400);
    expect(res.contentType).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors[0].code).toBe('INVALID_INVOICE_NUMBER');
  });

  it('answers 404 INVOICE_NOT_FOUND for a number no invoice has', async () => {
    const res = await http(svc.baseUrl, 'GET', '/v1/ecp/invoices/4539578763621486');
    expect(res.status).toBe(404);
    expect(res.contentType).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('INVOICE_NOT_FOUND');
  });

  it('documents the request body from the same schema that validates it', async () => {
    const docs = await http(svc.baseUrl, 'GET', '/docs-json');
    const schema = docs.body.paths['/v1/ecp/invoices'].post.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['clientName', 'inn', 'office', 'amount']));
    expect(schema.properties.office.enum).toEqual(['OSH', 'JALAL_ABAD', 'ONLINE']);
    expect(schema.properties.amount.type).toBe('string');
  });
});
