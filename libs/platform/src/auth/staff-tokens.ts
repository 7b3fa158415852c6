import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from './auth-config.js';
import { DEVELOPMENT_STAFF_ISSUER } from './development-credentials.js';
import { isDevelopmentMode } from './development-mode.js';
import { STAFF_ROLES, type Caller, type StaffRole } from './callers.js';

export type TokenCheck =
  | { ok: true; caller: Extract<Caller, { kind: 'staff' }> }
  | { ok: false; code: 'TOKEN_INVALID' | 'TOKEN_EXPIRED'; message: string };

/** RFC 9068's media type of a JWT access token: an ID token or any other JWT of the issuer is not one. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

/**
 * Verifies staff bearer tokens: JWT access tokens (header `typ: at+jwt`, RFC 9068; ES256 or RS256) from the configured
 * issuer, for the configured audience, signed by a key of its JWKS; the roles are the `roles` claim (roles this
 * system does not know are ignored). Outside development and test, a STAFF_JWKS_URL that serves the development
 * issuer's key is refused at its first fetch: every token is then TOKEN_INVALID (STAFF_JWKS and STAFF_JWKS_FILE are
 * refused at start, developmentSecretsIn).
 */
export class StaffTokens {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly config: AuthConfig) {
    this.keys = config.STAFF_JWKS_URL
      ? remoteKeys(new URL(config.STAFF_JWKS_URL), isDevelopmentMode(config.NODE_ENV))
      : createLocalJWKSet(
          (config.STAFF_JWKS_FILE
            ? JSON.parse(readFileSync(config.STAFF_JWKS_FILE, 'utf8'))
            : config.STAFF_JWKS) as Parameters<typeof createLocalJWKSet>[0],
        );
  }

  async check(token: string): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.config.STAFF_ISSUER,
        audience: this.config.STAFF_AUDIENCE,
        algorithms: ['ES256', 'RS256'],
        typ: ACCESS_TOKEN_TYPE,
        requiredClaims: ['sub', 'exp'],
      });
      const claimed = Array.isArray(payload.roles) ? payload.roles : [];
      const roles = STAFF_ROLES.filter((r): r is StaffRole => claimed.includes(r));
      return {
        ok: true,
        caller: {
          kind: 'staff',
          subject: payload.sub!,
          name: typeof payload.name === 'string' ? payload.name : null,
          roles,
        },
      };
    } catch (e) {
      if (e instanceof errors.JWTExpired)
        return { ok: false, code: 'TOKEN_EXPIRED', message: 'the staff token has expired' };
      return { ok: false, code: 'TOKEN_INVALID', message: `the staff token is not valid: ${(e as Error).message}` };
    }
  }
}

/** The issuer's keys as fetched; outside development a set holding the development key (public private half) is refused. */
function remoteKeys(url: URL, developmentMode: boolean): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(url);
  if (developmentMode) return remote;
  return async (header, token) => {
    const key = await remote(header, token);
    if (remote.jwks()?.keys.some((k) => k.x === DEVELOPMENT_STAFF_ISSUER.publicJwk.x))
      throw new Error(
        `STAFF_JWKS_URL ${url.href} serves the development staff issuer's key: refused outside development`,
      );
    return key;
  };
}
