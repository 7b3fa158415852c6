import { describe, expect, it } from '@jest/globals';
import { backOfficeConfig, isProduction } from './back-office.config.js';

/** A production back office's settings, nothing of development in them. */
const PRODUCTION = {
  SESSION_SECRET: 'a-production-secret-of-at-least-32-characters',
  OIDC_ISSUER_URL: 'https://id.dostek.invalid',
  OIDC_CLIENT_ID: 'back-office',
  OIDC_REDIRECT_URL: 'https://back-office.dostek.invalid/api/session/oidc/callback',
};

describe('backOfficeConfig: only development or test offers the development sign-in', () => {
  it.each(['development', 'test'])('NODE_ENV=%s keeps the development defaults', (mode) => {
    expect(isProduction(backOfficeConfig({ NODE_ENV: mode }))).toBe(false);
  });

  it.each(['staging', 'prod', 'Production'])('NODE_ENV=%s is production: its defaults are refused', (mode) => {
    expect(() => backOfficeConfig({ NODE_ENV: mode })).toThrow(
      new RegExp(`refusing to start with NODE_ENV=${mode}:[\\s\\S]*SESSION_SECRET: the development secret`),
    );
    expect(isProduction(backOfficeConfig({ ...PRODUCTION, NODE_ENV: mode }))).toBe(true);
  });

  it('refuses an unset NODE_ENV, naming NODE_ENV=development for local use', () => {
    expect(() => backOfficeConfig({ ...PRODUCTION })).toThrow(/NODE_ENV: not set; NODE_ENV=development/);
  });

  it('refuses a shifted clock in production', () => {
    expect(() => backOfficeConfig({ ...PRODUCTION, NODE_ENV: 'production', CLOCK_OFFSET_MS: '3600000' })).toThrow(
      /CLOCK_OFFSET_MS: 3600000, not 0/,
    );
  });
});
