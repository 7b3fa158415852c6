import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from './auth-config.js';
import { STAFF_ROLES, type Caller, type StaffRole } from './callers.js';

export type TokenCheck =
  | { ok: true; caller: Extract<Caller, { kind: 'staff' }> }
  | { ok: false; code: 'TOKEN_INVALID' | 'TOKEN_EXPIRED'; message: string };

/**
 * Verifies staff bearer tokens: JWTs (ES256 or RS256) from the configured issuer, for the configured audience, signed
 * by a key of its JWKS; the roles are the `roles` claim (roles this system does not know are ignored).
 */
export class StaffTokens {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly config: AuthConfig) {
    this.keys = config.STAFF_JWKS_URL
      ? createRemoteJWKSet(new URL(config.STAFF_JWKS_URL))
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
