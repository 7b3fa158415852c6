import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { DEVELOPMENT_KEY_ENCRYPTION_KEY, developmentSecretsIn } from '#platform';
import { generateDevelopmentCa } from './certificates/ca-material.js';
import { ecpInvoicingConfig } from './ecp-invoicing.config.js';

const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672' };
const KEK = randomBytes(32).toString('base64');

describe('ecp-invoicing configuration', () => {
  it('defaults to 30-day invoices, a sweep a minute, and the labelled development key-encryption key', () => {
    const c = ecpInvoicingConfig(base);
    expect(c).toMatchObject({ ECP_INVOICE_TTL_DAYS: 30, ECP_EXPIRY_SWEEP_MS: 60_000 });
    expect(c.ECP_KEY_ENCRYPTION_KEYS).toEqual([DEVELOPMENT_KEY_ENCRYPTION_KEY]);
  });

  it('reads the key-encryption keys as id:base64 of 32 bytes, the first first, and refuses anything else', () => {
    const next = randomBytes(32).toString('base64');
    expect(
      ecpInvoicingConfig({ ...base, ECP_KEY_ENCRYPTION_KEYS: `k2:${next}, k1:${KEK}` }).ECP_KEY_ENCRYPTION_KEYS,
    ).toEqual([
      { id: 'k2', key: Buffer.from(next, 'base64') },
      { id: 'k1', key: Buffer.from(KEK, 'base64') },
    ]);
    expect(() =>
      ecpInvoicingConfig({ ...base, ECP_KEY_ENCRYPTION_KEYS: `k1:${randomBytes(16).toString('base64')}` }),
    ).toThrow(/ECP_KEY_ENCRYPTION_KEYS/);
    expect(() => ecpInvoicingConfig({ ...base, ECP_KEY_ENCRYPTION_KEYS: KEK })).toThrow(/ECP_KEY_ENCRYPTION_KEYS/);
    expect(() => ecpInvoicingConfig({ ...base, ECP_KEY_ENCRYPTION_KEYS: `k1:${KEK} k1:${KEK}` })).toThrow(/twice/);
    expect(() => ecpInvoicingConfig({ ...base, ECP_KEY_ENCRYPTION_KEYS: ' , ' })).toThrow(/at least one/);
  });

  it('refuses the old single ECP_KEY_ENCRYPTION_KEY rather than ignore it', () => {
    expect(() => ecpInvoicingConfig({ ...base, ECP_KEY_ENCRYPTION_KEY: KEK })).toThrow(
      /ECP_KEY_ENCRYPTION_KEY: replaced by ECP_KEY_ENCRYPTION_KEYS/,
    );
  });

  it('takes the CA certificate and key together or not at all, with line breaks written as \\n', () => {
    expect(() => ecpInvoicingConfig({ ...base, ECP_CA_CERT_PEM: 'x' })).toThrow(/both/);
    const c = ecpInvoicingConfig({
      ...base,
      ECP_CA_CERT_PEM: '-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----',
      ECP_CA_KEY_PEM: 'k',
    });
    expect(c.ECP_CA_CERT_PEM).toBe('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----');
  });

  describe('a production start', () => {
    const production = { ...base, NODE_ENV: 'production' };
    const refused = (env: Record<string, string>) =>
      developmentSecretsIn('ecp-invoicing', ecpInvoicingConfig({ ...production, ...env }));

    it('is refused with the development key-encryption key and no CA, each named; ECP_ALLOW_DEVELOPMENT_KEYS changes nothing', () => {
      for (const env of [{}, { ECP_ALLOW_DEVELOPMENT_KEYS: 'true' }] as Record<string, string>[]) {
        const found = refused(env);
        expect(found).toContain(
          'ECP_KEY_ENCRYPTION_KEYS: "development" is the development key-encryption key, derived from a constant in the source',
        );
        expect(found).toContain(
          'ECP_CA_CERT_PEM: not set, so the development CA (generated into the database) would sign certificates',
        );
      }
    });

    it('is refused with the development CA given as the configured one', async () => {
      const { material } = await generateDevelopmentCa(new Date('2026-11-01T00:00:00Z'));
      expect(
        refused({
          ECP_KEY_ENCRYPTION_KEYS: `k1:${KEK}`,
          ECP_CA_CERT_PEM: material.certificate.toString('pem'),
          ECP_CA_KEY_PEM: 'k',
        }),
      ).toContain('ECP_CA_CERT_PEM: the development CA');
    });

    it('names no key-encryption key or CA when both are its own', () => {
      const found = refused({ ECP_KEY_ENCRYPTION_KEYS: `k1:${KEK}`, ECP_CA_CERT_PEM: 'c', ECP_CA_KEY_PEM: 'k' });
      expect(found.filter((f) => f.startsWith('ECP_'))).toEqual([]);
    });
  });

  it.each([['0'], ['366'], ['1.5']])('refuses a time to live of %s days', (days) => {
    expect(() => ecpInvoicingConfig({ ...base, ECP_INVOICE_TTL_DAYS: days })).toThrow(/ECP_INVOICE_TTL_DAYS/);
  });
});
