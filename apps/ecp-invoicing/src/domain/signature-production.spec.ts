import { describe, expect, it } from '@jest/globals';
import type { InvoiceState } from './invoice.js';
import { decideCsrReplacement, keyAlgorithmProblem, keySourceFor, looksLikeCsrPem } from './signature-production.js';

const CSR_BODY =
  'MIHmMIGOAgEAMCwxKjAoBgNVBAMMIdCQ0YHQsNC90L7QsiDQkdCw0LrRi9GCINCQ0YHQsNC90L7QsjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABA';
const pem = (body: string, label = 'CERTIFICATE REQUEST') =>
  `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;

describe('keySourceFor', () => {
  it('generates cloud keys, and keys of invoices that name no product (issued by hand, before registrations)', () => {
    expect(keySourceFor('CLOUD', null)).toEqual({ kind: 'generate' });
    expect(keySourceFor(null, null)).toEqual({ kind: 'generate' });
  });

  it('certifies the key of the token CSR, and fails for good without one', () => {
    expect(keySourceFor('TOKEN', 'PEM')).toEqual({ kind: 'csr', pem: 'PEM' });
    expect(keySourceFor('TOKEN', null)).toMatchObject({ kind: 'fail', code: 'CSR_REQUIRED' });
  });
});

describe('keyAlgorithmProblem', () => {
  it.each([
    { name: 'ECDSA', namedCurve: 'P-256' },
    { name: 'ECDSA', namedCurve: 'P-384' },
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048 },
    { name: 'RSA-PSS', modulusLength: 4096 },
  ])('accepts %j', (alg) => expect(keyAlgorithmProblem(alg)).toBeNull());

  it.each([
    [{ name: 'ECDSA', namedCurve: 'P-521' }, /curve P-521/],
    [{ name: 'ECDSA' }, /curve/],
    [{ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024 }, /1024 bits/],
    [{ name: 'GOST R 34.10-2012' }, /not supported/],
    [{ name: 'Ed25519' }, /not supported/],
  ])('refuses %j', (alg, why) => expect(keyAlgorithmProblem(alg)).toMatch(why));
});

describe('looksLikeCsrPem', () => {
  it('accepts the PEM armour of a PKCS#10 request, old label and CRLF included', () => {
    expect(looksLikeCsrPem(pem(CSR_BODY))).toBe(true);
    expect(looksLikeCsrPem(pem(CSR_BODY, 'NEW CERTIFICATE REQUEST'))).toBe(true);
    expect(looksLikeCsrPem(pem(CSR_BODY).replace(/\n/g, '\r\n'))).toBe(true);
  });

  it.each([
    ['no armour', CSR_BODY],
    ['a certificate', pem(CSR_BODY, 'CERTIFICATE')],
    ['a private key', pem(CSR_BODY, 'PRIVATE KEY')],
    ['not base64', pem('not base64 at all, sorry!'.repeat(4))],
    ['too short to be a request', pem('MIIB')],
    ['two requests', pem(CSR_BODY) + pem(CSR_BODY)],
  ])('refuses %s', (_what, text) => expect(looksLikeCsrPem(text)).toBe(false));
});

describe('decideCsrReplacement', () => {
  const NOW = new Date('2026-03-10T06:00:00Z');
  const base: InvoiceState = {
    status: 'ISSUED',
    amount: 120000n,
    paymentId: null,
    expiresAt: new Date('2026-04-09T06:00:00Z'),
    registrationId: '5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  };

  it('takes a new CSR only after a failed production, and produces again', () => {
    expect(decideCsrReplacement({ ...base, status: 'PRODUCTION_FAILED', paymentId: 'p' }, 'TOKEN', NOW)).toEqual({
      kind: 'replace-and-produce',
    });
  });

  it('refuses to replace the registered CSR before payment: the key is bound at registration', () => {
    expect(decideCsrReplacement(base, 'TOKEN', NOW)).toMatchObject({
      kind: 'refuse',
      status: 409,
      code: 'CSR_NOT_REPLACEABLE',
      invoiceStatus: 'ISSUED',
    });
  });

  it('refuses a CSR for a cloud key or an invoice naming no product', () => {
    expect(decideCsrReplacement(base, 'CLOUD', NOW)).toMatchObject({ kind: 'refuse', code: 'CSR_NOT_APPLICABLE' });
    expect(decideCsrReplacement(base, null, NOW)).toMatchObject({ kind: 'refuse', code: 'CSR_NOT_APPLICABLE' });
    expect(decideCsrReplacement({ ...base, status: 'PRODUCTION_FAILED', paymentId: 'p' }, 'CLOUD', NOW)).toMatchObject({
      kind: 'refuse',
      code: 'CSR_NOT_APPLICABLE',
    });
  });

  it.each(['PAID', 'SIGNATURE_PRODUCED', 'EXPIRED', 'CANCELLED'] as const)(
    'refuses a CSR for a %s invoice',
    (status) => {
      expect(decideCsrReplacement({ ...base, status }, 'TOKEN', NOW)).toMatchObject({
        kind: 'refuse',
        code: 'CSR_NOT_REPLACEABLE',
        invoiceStatus: status,
      });
    },
  );

  it('refuses a CSR for an overdue invoice as expired', () => {
    expect(decideCsrReplacement(base, 'TOKEN', base.expiresAt)).toMatchObject({
      kind: 'refuse',
      code: 'CSR_NOT_REPLACEABLE',
      invoiceStatus: 'EXPIRED',
    });
  });
});
