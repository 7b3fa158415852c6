import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { ecpInvoicingConfig } from './ecp-invoicing.config.js';

const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672' };
const KEK = randomBytes(32).toString('base64');

describe('ecp-invoicing configuration', () => {
  it('defaults to 30-day invoices, a sweep a minute, and development keys outside production', () => {
    const c = ecpInvoicingConfig(base);
    expect(c).toMatchObject({ ECP_INVOICE_TTL_DAYS: 30, ECP_EXPIRY_SWEEP_MS: 60_000, ECP_ALLOW_DEVELOPMENT_KEYS: true });
    expect(c.ECP_KEY_ENCRYPTION_KEY).toBeUndefined();
  });

  it('reads the key-encryption key as 32 bytes, and refuses anything else', () => {
    expect(ecpInvoicingConfig({ ...base, ECP_KEY_ENCRYPTION_KEY: KEK }).ECP_KEY_ENCRYPTION_KEY).toEqual(Buffer.from(KEK, 'base64'));
    expect(() => ecpInvoicingConfig({ ...base, ECP_KEY_ENCRYPTION_KEY: randomBytes(16).toString('base64') })).toThrow(/ECP_KEY_ENCRYPTION_KEY/);
    expect(() => ecpInvoicingConfig({ ...base, ECP_KEY_ENCRYPTION_KEY: 'not base64!' })).toThrow(/ECP_KEY_ENCRYPTION_KEY/);
  });

  it('takes the CA certificate and key together or not at all, with line breaks written as \\n', () => {
    expect(() => ecpInvoicingConfig({ ...base, ECP_CA_CERT_PEM: 'x' })).toThrow(/both/);
    const c = ecpInvoicingConfig({ ...base, ECP_CA_CERT_PEM: '-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----', ECP_CA_KEY_PEM: 'k' });
    expect(c.ECP_CA_CERT_PEM).toBe('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----');
  });

  it('refuses to start in production without real keys, unless development keys are allowed explicitly', () => {
    expect(() => ecpInvoicingConfig({ ...base, NODE_ENV: 'production' })).toThrow(/ECP_KEY_ENCRYPTION_KEY[\s\S]*ECP_CA_CERT_PEM/);
    expect(ecpInvoicingConfig({ ...base, NODE_ENV: 'production', ECP_ALLOW_DEVELOPMENT_KEYS: 'true' }).ECP_ALLOW_DEVELOPMENT_KEYS).toBe(true);
    expect(ecpInvoicingConfig({ ...base, NODE_ENV: 'production', ECP_KEY_ENCRYPTION_KEY: KEK, ECP_CA_CERT_PEM: 'c', ECP_CA_KEY_PEM: 'k' }).ECP_ALLOW_DEVELOPMENT_KEYS).toBe(false);
  });

  it.each([['0'], ['366'], ['1.5']])('refuses a time to live of %s days', (days) => {
    expect(() => ecpInvoicingConfig({ ...base, ECP_INVOICE_TTL_DAYS: days })).toThrow(/ECP_INVOICE_TTL_DAYS/);
  });
});
