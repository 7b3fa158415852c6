import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { authConfigShape, type AuthConfig } from './auth-config.js';

const parse = (env: Record<string, string>) => z.object(authConfigShape).parse(env) as AuthConfig;

describe('auth configuration', () => {
  it('trusts the development credentials by default, outside production', () => {
    const config = parse({});
    expect(config.PARTNER_KEYS.map((k) => k.keyid)).toEqual(['megapay-dev', 'payment-router-dev']);
  });

  it('refuses a key with a short secret, three secrets, or an unknown scope', () => {
    const key = (over: object) =>
      JSON.stringify([{ keyid: 'k', secrets: ['x'.repeat(32)], scopes: ['payments'], ...over }]);
    expect(() => parse({ PARTNER_KEYS: key({ secrets: ['short'] }) })).toThrow();
    expect(() => parse({ PARTNER_KEYS: key({ secrets: ['x'.repeat(32), 'y'.repeat(32), 'z'.repeat(32)] }) })).toThrow();
    expect(() => parse({ PARTNER_KEYS: key({ scopes: ['everything'] }) })).toThrow();
    expect(() => parse({ PARTNER_KEYS: 'not json' })).toThrow();
  });
});
