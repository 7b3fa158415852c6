import { describe, expect, it } from '@jest/globals';
import { importJWK, SignJWT } from 'jose';
import { authConfigShape, type AuthConfig } from './auth-config.js';
import { DEVELOPMENT_STAFF_ISSUER } from './development-credentials.js';
import { StaffTokens } from './staff-tokens.js';
import { z } from 'zod';

const config = z.object(authConfigShape).parse({ NODE_ENV: 'test' }) as AuthConfig;

async function token(header: { typ?: string }): Promise<string> {
  const key = await importJWK(DEVELOPMENT_STAFF_ISSUER.privateJwk, 'ES256');
  return new SignJWT({ roles: ['treasury'] })
    .setProtectedHeader({ alg: 'ES256', kid: DEVELOPMENT_STAFF_ISSUER.privateJwk.kid, ...header })
    .setIssuer(DEVELOPMENT_STAFF_ISSUER.issuer)
    .setAudience(DEVELOPMENT_STAFF_ISSUER.audience)
    .setSubject('staff-1')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);
}

describe('StaffTokens: only access tokens (typ at+jwt, RFC 9068)', () => {
  it('accepts a token typed at+jwt', async () => {
    const check = await new StaffTokens(config).check(await token({ typ: 'at+jwt' }));
    expect(check).toMatchObject({ ok: true, caller: { subject: 'staff-1', roles: ['treasury'] } });
  });

  it.each([
    ['without typ', {}],
    ['typed JWT (an ID token, say)', { typ: 'JWT' }],
  ])('refuses a token %s as TOKEN_INVALID', async (_, header) => {
    const check = await new StaffTokens(config).check(await token(header));
    expect(check).toMatchObject({ ok: false, code: 'TOKEN_INVALID' });
  });
});
