import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEVELOPMENT_STAFF_ISSUER } from './auth/development-credentials.js';
import { DEVELOPMENT_KEY_ENCRYPTION_KEY } from './auth/development-credentials.js';
import { developmentSecretsIn, type ConfiguredSettings } from './development-secrets.js';
import { baseConfigSchema } from './service-config.js';

/** A production configuration with nothing of development in it; each case below puts one secret back. */
const PRODUCTION = {
  NODE_ENV: 'production',
  PORT: '3000',
  DATABASE_URL: 'postgres://payment_router:s3cret-from-vault@db.dostek.kg:5432/dostek_payment_router',
  AMQP_URL: 'amqps://payment_router:an0ther-secret@mq.dostek.kg:5671',
  PARTNER_KEYS: JSON.stringify([
    {
      keyid: 'megapay',
      secrets: ['a-real-secret-of-at-least-32-chars!!', 'the-next-one-while-rotating-0123456'],
      scopes: ['payments'],
    },
  ]),
  SERVICE_QUERY_KEY: 'payment-router:another-real-secret-of-32-characters',
  STAFF_ISSUER: 'https://id.dostek.kg/realms/staff',
  STAFF_JWKS_URL: 'https://id.dostek.kg/realms/staff/protocol/openid-connect/certs',
  REDIS_URL: 'rediss://:a-redis-password@redis.dostek.kg:6380',
};
const parse = (env: Record<string, string | undefined>): ConfiguredSettings =>
  baseConfigSchema.parse({ ...PRODUCTION, ...env }) as ConfiguredSettings;
const realKek = { id: 'k1', key: randomBytes(32) };
/** A CA certificate (not the development one): only its subject is read. */
const ECP = {
  ECP_KEY_ENCRYPTION_KEYS: [realKek],
  ECP_CA_CERT_PEM: '-----BEGIN CERTIFICATE-----\nnot parsed\n-----END CERTIFICATE-----',
};

describe('developmentSecretsIn: what a production start refuses, each named by its setting', () => {
  it.each(['development', 'test'])('finds nothing with NODE_ENV=%s, whatever is configured', (mode) => {
    expect(
      developmentSecretsIn(
        'payment-router',
        parse({ NODE_ENV: mode, PARTNER_KEYS: undefined, AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672' }),
      ),
    ).toEqual([]);
  });

  it.each(['staging', 'prod', 'Production', 'Development', 'production'])(
    'holds NODE_ENV=%s to production: the development defaults are refused',
    (mode) => {
      const found = developmentSecretsIn('wallet', parse({ NODE_ENV: mode, PARTNER_KEYS: undefined }));
      expect(found).toContain('PARTNER_KEYS: the development partner key "megapay-dev"');
    },
  );

  it('refuses an unset NODE_ENV, naming NODE_ENV=development for local use', () => {
    const found = developmentSecretsIn('wallet', parse({ NODE_ENV: undefined, STAFF_ISSUER: undefined }));
    expect(found[0]).toMatch(/^NODE_ENV: not set; NODE_ENV=development/);
    expect(found).toContain('STAFF_ISSUER: the development staff issuer https://staff.development.dostek.invalid');
  });

  it("refuses the development staff key given in STAFF_JWKS_FILE, and not another file's key", () => {
    const dir = mkdtempSync(join(tmpdir(), 'jwks-'));
    const development = join(dir, 'development.json');
    writeFileSync(development, JSON.stringify({ keys: [DEVELOPMENT_STAFF_ISSUER.publicJwk] }));
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ keys: [{ ...DEVELOPMENT_STAFF_ISSUER.publicJwk, x: 'another-key-x' }] }));
    expect(developmentSecretsIn('wallet', parse({ STAFF_JWKS_URL: undefined, STAFF_JWKS_FILE: development }))).toEqual([
      `STAFF_JWKS_FILE: ${development} holds the development staff issuer's key`,
    ]);
    expect(developmentSecretsIn('wallet', parse({ STAFF_JWKS_URL: undefined, STAFF_JWKS_FILE: other }))).toEqual([]);
  });

  it('refuses a shifted clock', () => {
    expect(developmentSecretsIn('wallet', parse({ CLOCK_OFFSET_MS: '86400000' }))).toEqual([
      'CLOCK_OFFSET_MS: 86400000, not 0',
    ]);
  });

  it('refuses a REDIS_URL without a password', () => {
    expect(developmentSecretsIn('wallet', parse({ REDIS_URL: 'rediss://redis.dostek.kg:6380' }))).toEqual([
      'REDIS_URL: no password (Redis must require AUTH)',
    ]);
  });

  it('refuses an http:// STAFF_JWKS_URL or PARTNER_CALLBACK_URL', () => {
    const config = {
      ...parse({ STAFF_JWKS_URL: 'http://id.dostek.kg/certs' }),
      PARTNER_CALLBACK_URL: 'http://megapay.kg/dostek/final',
    };
    expect(developmentSecretsIn('payment-router', config)).toEqual([
      'STAFF_JWKS_URL: not an https:// URL',
      'PARTNER_CALLBACK_URL: not an https:// URL',
    ]);
  });

  it('finds nothing when production names its own keys, issuer, users and passwords', () => {
    expect(developmentSecretsIn('payment-router', parse({}))).toEqual([]);
    expect(developmentSecretsIn('ecp-invoicing', { ...parse({}), ...ECP })).toEqual([]);
  });

  it('names every development credential of the defaults', () => {
    const defaults = baseConfigSchema.parse({
      NODE_ENV: 'production',
      PORT: '1',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x',
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
    });
    expect(developmentSecretsIn('payment-router', defaults as ConfiguredSettings)).toEqual([
      'PARTNER_KEYS: the development partner key "megapay-dev"',
      'PARTNER_KEYS: the development partner key "payment-router-dev"',
      'SERVICE_QUERY_KEY: the development service-queries key',
      'STAFF_ISSUER: the development staff issuer https://staff.development.dostek.invalid',
      "STAFF_JWKS: the development staff issuer's key",
      'AMQP_URL: the development user "guest"',
      'DATABASE_URL: the development user "postgres"',
      'REDIS_URL: no password (Redis must require AUTH)',
    ]);
  });

  it.each([
    [
      'the development partner key',
      { PARTNER_KEYS: undefined },
      'PARTNER_KEYS: the development partner key "megapay-dev"',
    ],
    [
      'the development service-queries key',
      { SERVICE_QUERY_KEY: undefined },
      'SERVICE_QUERY_KEY: the development service-queries key',
    ],
    [
      'the development staff issuer',
      { STAFF_ISSUER: undefined },
      'STAFF_ISSUER: the development staff issuer https://staff.development.dostek.invalid',
    ],
    ['the development staff JWKS', { STAFF_JWKS_URL: undefined }, "STAFF_JWKS: the development staff issuer's key"],
    [
      'the database superuser',
      { DATABASE_URL: 'postgres://postgres@db.dostek.kg:5432/x' },
      'DATABASE_URL: the development user "postgres"',
    ],
    [
      'the database superuser with a password',
      { DATABASE_URL: 'postgresql://postgres:postgres@db:5432/x' },
      'DATABASE_URL: the development user "postgres"',
    ],
    ["the broker's guest", { AMQP_URL: 'amqp://guest:guest@mq:5672' }, 'AMQP_URL: the development user "guest"'],
    [
      "a development role's password",
      { DATABASE_URL: 'postgres://payment_router:dev-only-payment_router@db:5432/x' },
      'DATABASE_URL: the development password of user "payment_router"',
    ],
    [
      "a development broker user's password",
      { AMQP_URL: 'amqps://wallet:dev-only-wallet@mq:5671' },
      'AMQP_URL: the development password of user "wallet"',
    ],
    [
      'a development user on one node of AMQP_URLS',
      { AMQP_URLS: 'amqps://wallet:s3cret@mq1:5671, amqps://guest:guest@mq2:5671' },
      'AMQP_URLS: the development user "guest"',
    ],
  ])('refuses %s, naming it', (_, over, named) => {
    const found = developmentSecretsIn('payment-router', parse(over));
    expect(found[0]).toBe(named);
    expect(found.every((f) => f.startsWith(named.slice(0, named.indexOf(':') + 1)))).toBe(true);
  });

  it('covers a URL setting added later by its name alone (DATABASE_OWNER_URL, …)', () => {
    const config = {
      ...parse({}),
      DATABASE_OWNER_URL: 'postgres://payment_router_owner:dev-only-payment_router_owner@db/x',
      REPORTS_URL: 'https://reports.dostek.kg',
    };
    expect(developmentSecretsIn('payment-router', config)).toEqual([
      'DATABASE_OWNER_URL: the development password of user "payment_router_owner"',
    ]);
  });

  it("refuses ecp-invoicing's development key-encryption key, wherever it is in the list", () => {
    const config = { ...parse({}), ...ECP, ECP_KEY_ENCRYPTION_KEYS: [realKek, DEVELOPMENT_KEY_ENCRYPTION_KEY] };
    expect(developmentSecretsIn('ecp-invoicing', config)).toEqual([
      'ECP_KEY_ENCRYPTION_KEYS: "development" is the development key-encryption key, derived from a constant in the source',
    ]);
  });

  it('refuses ecp-invoicing without a CA of its own: the development CA would be generated', () => {
    expect(developmentSecretsIn('ecp-invoicing', { ...parse({}), ...ECP, ECP_CA_CERT_PEM: undefined })).toEqual([
      'ECP_CA_CERT_PEM: not set, so the development CA (generated into the database) would sign certificates',
    ]);
  });

  it("asks no other service for ecp-invoicing's keys", () => {
    expect(developmentSecretsIn('wallet', parse({}))).toEqual([]);
  });

  it('refuses the development callback key only where callbacks go out', () => {
    const devKey = JSON.stringify({
      keyid: 'megapay-callback-dev',
      secret: 'dev-only-megapay-callback-secret-0123456789abcdef',
    });
    const withKey = (env: Record<string, unknown>) => ({ ...parse({}), ...env }) as ConfiguredSettings;
    expect(developmentSecretsIn('payment-router', withKey({ PARTNER_CALLBACK_KEY: JSON.parse(devKey) }))).toEqual([]);
    expect(
      developmentSecretsIn(
        'payment-router',
        withKey({ PARTNER_CALLBACK_URL: 'https://megapay.kg/dostek/final', PARTNER_CALLBACK_KEY: JSON.parse(devKey) }),
      ),
    ).toEqual(['PARTNER_CALLBACK_KEY: the development callback key "megapay-callback-dev"']);
    expect(
      developmentSecretsIn(
        'payment-router',
        withKey({
          PARTNER_CALLBACK_URL: 'https://megapay.kg/dostek/final',
          PARTNER_CALLBACK_KEY: { keyid: 'dostek-callbacks', secret: 'a-real-callback-secret-of-32-characters' },
        }),
      ),
    ).toEqual([]);
  });
});
