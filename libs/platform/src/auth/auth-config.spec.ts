import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { authConfigShape, developmentCredentialsIn, type AuthConfig } from './auth-config.js';

const parse = (env: Record<string, string>) => z.object(authConfigShape).parse(env) as AuthConfig;

describe('auth configuration', () => {
  it('trusts the development credentials by default, outside production', () => {
    const config = parse({});
    expect(config.PARTNER_KEYS.map((k) => k.keyid)).toEqual(['megapay-dev', 'payment-router-dev']);
    expect(developmentCredentialsIn(config)).toEqual([]);
  });

  it('names every development credential a production start would trust', () => {
    expect(developmentCredentialsIn(parse({ NODE_ENV: 'production' }))).toEqual([
      'PARTNER_KEYS: the development partner key "megapay-dev"',
      'PARTNER_KEYS: the development partner key "payment-router-dev"',
      'SERVICE_QUERY_KEY: the development service-queries key',
      'STAFF_ISSUER: the development staff issuer https://staff.development.dostek.invalid',
      "STAFF_JWKS: the development staff issuer's key",
    ]);
  });

  it('finds nothing to refuse when production names its own keys and issuer', () => {
    const config = parse({
      NODE_ENV: 'production',
      PARTNER_KEYS: JSON.stringify([{ keyid: 'megapay', secrets: ['a-real-secret-of-at-least-32-chars!!', 'the-next-one-while-rotating-0123456'], scopes: ['payments'] }]),
      SERVICE_QUERY_KEY: 'payment-router:another-real-secret-of-32-characters',
      STAFF_ISSUER: 'https://id.dostek.kg/realms/staff',
      STAFF_JWKS_URL: 'https://id.dostek.kg/realms/staff/protocol/openid-connect/certs',
    });
    expect(developmentCredentialsIn(config)).toEqual([]);
  });

  it('refuses a key with a short secret, three secrets, or an unknown scope', () => {
    const key = (over: object) => JSON.stringify([{ keyid: 'k', secrets: ['x'.repeat(32)], scopes: ['payments'], ...over }]);
    expect(() => parse({ PARTNER_KEYS: key({ secrets: ['short'] }) })).toThrow();
    expect(() => parse({ PARTNER_KEYS: key({ secrets: ['x'.repeat(32), 'y'.repeat(32), 'z'.repeat(32)] }) })).toThrow();
    expect(() => parse({ PARTNER_KEYS: key({ scopes: ['everything'] }) })).toThrow();
    expect(() => parse({ PARTNER_KEYS: 'not json' })).toThrow();
  });

  it('takes the staff issuer\'s keys from a file as production does, not counting them as the development key', () => {
    expect(developmentCredentialsIn(parse({ NODE_ENV: 'production', STAFF_ISSUER: 'https://id.dostek.kg', STAFF_JWKS_FILE: '/run/secrets/staff-jwks.json' }))).not.toContain(
      "STAFF_JWKS: the development staff issuer's key",
    );
  });
});
