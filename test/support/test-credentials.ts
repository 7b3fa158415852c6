import { importJWK, SignJWT } from 'jose';
import {
  DEVELOPMENT_PARTNER,
  DEVELOPMENT_STAFF_ISSUER,
  signedHeaders,
  type SigningKeyRef,
  type StaffRole,
} from '#platform';

/** The development partner key (every partner scope), as the MegaPay backend and Dos Tek's partners sign in tests. */
export const DEV_PARTNER: SigningKeyRef = { keyid: DEVELOPMENT_PARTNER.keyid, secret: DEVELOPMENT_PARTNER.secret };

/** A staff token from the development issuer, as `npm run staff-token` prints one. */
export async function staffToken(
  roles: readonly StaffRole[],
  options: { subject?: string; name?: string; expiresIn?: string | number; issuedAt?: Date } = {},
) {
  const key = await importJWK(DEVELOPMENT_STAFF_ISSUER.privateJwk, 'ES256');
  return new SignJWT({ roles: [...roles], name: options.name ?? 'Тестовый сотрудник' })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: DEVELOPMENT_STAFF_ISSUER.privateJwk.kid })
    .setIssuer(DEVELOPMENT_STAFF_ISSUER.issuer)
    .setAudience(DEVELOPMENT_STAFF_ISSUER.audience)
    .setSubject(options.subject ?? `staff-${roles.join('-') || 'none'}`)
    .setIssuedAt(options.issuedAt ?? new Date())
    .setExpirationTime(options.expiresIn ?? '1h')
    .sign(key);
}

const tokens = new Map<string, Promise<string>>();
/** Authorization headers of a member of staff with these roles (tokens cached per role set for the test run). */
export async function asStaff(...roles: StaffRole[]): Promise<Record<string, string>> {
  const id = roles.join(',');
  if (!tokens.has(id)) tokens.set(id, staffToken(roles));
  return { authorization: `Bearer ${await tokens.get(id)!}` };
}

/**
 * Who the test client speaks as when a test does not say: the member of staff whose job the call is (docs/security.md),
 * else the development partner. Tests of who may call what (test/security) set their credentials explicitly.
 */
export async function defaultCredentials(
  method: string,
  url: string,
  body: string | Uint8Array | undefined,
  headers: Record<string, string> = {},
): Promise<Record<string, string>> {
  const path = new URL(url).pathname;
  const text = body === undefined || typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  const m = method.toUpperCase();
  if (m === 'PUT' && path.startsWith('/v1/ecp/products/')) return asStaff('pricing');
  if (m === 'POST' && /^\/v1\/ecp\/(invoices\/[^/]+\/(cancel|csr)|registrations\/[^/]+\/invoices)$/.test(path))
    return asStaff('billing');
  if (path.startsWith('/v1/parked-messages')) return asStaff(m === 'GET' ? 'auditor' : 'billing');
  if (
    m === 'POST' &&
    path === '/v1/ecp/registrations' &&
    text !== undefined &&
    /"office"\s*:\s*"(OSH|JALAL_ABAD)"/.test(text)
  )
    return asStaff('registrar');
  return signedHeaders(DEV_PARTNER, { method: m, url, body, headers });
}

/** fetch() as the development partner (for answers that are not JSON, such as a certificate). */
export async function signedFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const given = (init.headers as Record<string, string> | undefined) ?? {};
  const headers = await signedHeaders(DEV_PARTNER, {
    method: init.method ?? 'GET',
    url,
    body: typeof init.body === 'string' ? init.body : undefined,
    headers: given,
  });
  return fetch(url, { ...init, headers: { ...headers, ...given } });
}
