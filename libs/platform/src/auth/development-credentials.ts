import { createHash } from 'node:crypto';

/**
 * Credentials for development and tests only, published in the README. A service started with NODE_ENV=production
 * refuses to start while any of them is configured (auth-config.ts).
 */
export const DEVELOPMENT_PARTNER = {
  keyid: 'megapay-dev',
  secret: 'dev-only-megapay-partner-secret-0123456789abcdef',
  scopes: ['payments', 'wallet-funding', 'sochi-reports', 'ecp-registration'],
} as const;

/** payment-router's key for its read-only questions to the other services. */
export const DEVELOPMENT_SERVICE_QUERIES = {
  keyid: 'payment-router-dev',
  secret: 'dev-only-payment-router-query-secret-0123456789',
  scopes: ['service-queries'],
} as const;

/**
 * The key payment-router signs its final-status callbacks to MegaPay with (PARTNER_CALLBACK_KEY) outside production;
 * a production start with callbacks configured refuses it.
 */
export const DEVELOPMENT_PARTNER_CALLBACK = {
  keyid: 'megapay-callback-dev',
  secret: 'dev-only-megapay-callback-secret-0123456789abcdef',
} as const;

/** The local staff identity provider of development: `npm run --silent staff-token -- --roles billing` signs with it. */
export const DEVELOPMENT_STAFF_ISSUER = {
  issuer: 'https://staff.development.dostek.invalid',
  audience: 'dostek-payments',
  publicJwk: {
    kty: 'EC',
    crv: 'P-256',
    kid: 'dostek-staff-dev-1',
    alg: 'ES256',
    use: 'sig',
    x: '989RkBR0AF5EJPiu8tiivwE3gqAZfHiJxNSgNtlGr_E',
    y: '-YnrhlCAtBranfhF1lVj2EfYNhqIAE258_97yqzHt_U',
  },
  privateJwk: {
    kty: 'EC',
    crv: 'P-256',
    kid: 'dostek-staff-dev-1',
    alg: 'ES256',
    x: '989RkBR0AF5EJPiu8tiivwE3gqAZfHiJxNSgNtlGr_E',
    y: '-YnrhlCAtBranfhF1lVj2EfYNhqIAE258_97yqzHt_U',
    d: '4ANZGJvW8S5Dd5JyGzT7am1cGu19hhSNlqZjbDkwdnQ',
  },
} as const;

/**
 * ecp-invoicing's development key-encryption key, id `development`: derived from a constant in the source, so anyone
 * can open what it seals. The default of ECP_KEY_ENCRYPTION_KEYS outside production. Rows sealed before key ids
 * were configured carry its fingerprint instead of the id (key-sealer.ts reads both).
 */
export const DEVELOPMENT_KEY_ENCRYPTION_KEY = {
  id: 'development',
  key: createHash('sha256').update('dostek ecp-invoicing development key-encryption key').digest(),
} as const;

/** What the development CA's subject says of itself (ecp-invoicing's ca-material.ts names it so). */
export const DEVELOPMENT_CA_MARK = 'DEVELOPMENT, NOT FOR REAL SIGNATURES';

/** The passwords of the development database roles and broker users start so: `dev-only-<name>`. */
export const DEVELOPMENT_PASSWORD_PREFIX = 'dev-only-';
