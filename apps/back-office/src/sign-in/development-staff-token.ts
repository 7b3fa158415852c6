import { createHash } from 'node:crypto';
import { importJWK, SignJWT } from 'jose';
import { DEVELOPMENT_STAFF_ISSUER } from '#platform';

const LIFETIME_S = 3600;

/**
 * A token from the development staff issuer, as `npm run staff-token` prints one: the services trust that issuer only
 * outside production, and the back office offers this sign-in only there.
 */
export async function developmentStaffToken(
  name: string,
  roles: readonly string[],
  nowS = Math.floor(Date.now() / 1000),
) {
  const subject = `dev-${createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
  const expiresAt = nowS + LIFETIME_S;
  const token = await new SignJWT({ roles, name })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: DEVELOPMENT_STAFF_ISSUER.privateJwk.kid })
    .setIssuer(DEVELOPMENT_STAFF_ISSUER.issuer)
    .setAudience(DEVELOPMENT_STAFF_ISSUER.audience)
    .setSubject(subject)
    .setIssuedAt(nowS)
    .setExpirationTime(expiresAt)
    .sign(await importJWK(DEVELOPMENT_STAFF_ISSUER.privateJwk, 'ES256'));
  return { token, subject, expiresAt };
}
