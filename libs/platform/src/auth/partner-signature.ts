import { createHmac, timingSafeEqual } from 'node:crypto';
import { ExpiredError, httpbis } from 'http-message-signatures';
import type { PartnerKey } from './auth-config.js';
import { componentsToSign, contentDigest, SIGNATURE_LABEL } from '#megapay-client';

export type SignatureRefusal = 'SIGNATURE_MISSING' | 'SIGNATURE_INVALID' | 'SIGNATURE_EXPIRED' | 'UNKNOWN_KEY';

export type SignatureCheck =
  { ok: true; key: PartnerKey; nonce: string } | { ok: false; code: SignatureRefusal; message: string };

export interface ReceivedRequest {
  method: string;
  /** The full target URI as the client addressed it: scheme, host (with port), path and query. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as received (its bytes are what Content-Digest covers). */
  body: Buffer | undefined;
}

const NONCE = /^[A-Za-z0-9._~+/=-]{8,128}$/;

/**
 * Checks a partner's RFC 9421 signature: label sig1, hmac-sha256 with one of the key's secrets, covering @method,
 * @target-uri, with a body content-digest (which must be the body's SHA-256) and content-type, and idempotency-key
 * whenever the request carries an Idempotency-Key; `created` and `expires` integers, `created` within `maxSkewS` of the
 * machine's real time either way (a signature's freshness is never judged by a test or demo clock); a nonce present.
 * Whether the nonce was seen before is the caller's question (NonceStore), asked only of a valid signature.
 */
export async function checkPartnerSignature(
  request: ReceivedRequest,
  keys: readonly PartnerKey[],
  maxSkewS: number,
): Promise<SignatureCheck> {
  const header = (name: string) => {
    const v = request.headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  };
  const signature = header('signature');
  const input = header('signature-input');
  if (!signature || !input)
    return {
      ok: false,
      code: 'SIGNATURE_MISSING',
      message: 'the request carries no Signature and Signature-Input headers (RFC 9421)',
    };
  if (
    !input.startsWith(`${SIGNATURE_LABEL}=`) ||
    !signature.startsWith(`${SIGNATURE_LABEL}=`) ||
    input.includes(`, `)
  ) {
    return {
      ok: false,
      code: 'SIGNATURE_INVALID',
      message: `exactly one signature, labelled ${SIGNATURE_LABEL}, is expected`,
    };
  }
  // The library compares created/expires as numbers: a non-integer (NaN) would pass its freshness check.
  for (const [, name, value] of input.matchAll(/;(created|expires)=([^;]*)/g)) {
    if (!/^\d{1,15}$/.test(value!))
      return { ok: false, code: 'SIGNATURE_INVALID', message: `the signature's ${name} must be an integer (RFC 9421)` };
  }
  const hasBody = request.body !== undefined && request.body.length > 0;
  if (hasBody) {
    const digest = header('content-digest');
    if (!digest)
      return {
        ok: false,
        code: 'SIGNATURE_INVALID',
        message: 'a request with a body must carry Content-Digest (RFC 9530, sha-256)',
      };
    if (digest !== contentDigest(request.body!))
      return { ok: false, code: 'SIGNATURE_INVALID', message: 'Content-Digest does not match the body' };
  }

  const hasIdempotencyKey = header('idempotency-key') !== undefined;
  const required = componentsToSign(hasBody, hasIdempotencyKey);
  const covered = new Set(
    [...(/^[^=]+=\(([^)]*)\)/.exec(input)?.[1]?.matchAll(/"([^"]+)"/g) ?? [])].map((m) => m[1]!.toLowerCase()),
  );
  const uncovered = required.filter((c) => !covered.has(c));
  if (uncovered.length > 0)
    return {
      ok: false,
      code: 'SIGNATURE_INVALID',
      message: `the signature must cover ${uncovered.join(', ')} (it covers @method and @target-uri always, content-digest and content-type with a body, idempotency-key when the request carries one)`,
    };

  let key: PartnerKey | undefined;
  let keyid: string | undefined;
  let nonce: string | undefined;
  try {
    const verified = await httpbis.verifyMessage(
      {
        async keyLookup(params) {
          keyid = typeof params.keyid === 'string' ? params.keyid : undefined;
          nonce = typeof params.nonce === 'string' ? params.nonce : undefined;
          key = keys.find((k) => k.keyid === keyid);
          if (!key) return null;
          const secrets = key.secrets;
          return {
            id: key.keyid,
            algs: ['hmac-sha256'],
            verify: async (data, sig) =>
              secrets.some((s) => sameBytes(createHmac('sha256', s).update(data).digest(), sig)),
          };
        },
        requiredParams: ['created', 'nonce', 'keyid'],
        requiredFields: required,
        maxAge: maxSkewS,
        notAfter: Math.floor(Date.now() / 1000) + maxSkewS,
      },
      { method: request.method.toUpperCase(), url: request.url, headers: request.headers as Record<string, string> },
    );
    if (!key)
      return {
        ok: false,
        code: 'UNKNOWN_KEY',
        message: `no partner key ${keyid === undefined ? '(no keyid)' : `"${keyid}"`}`,
      };
    if (verified !== true)
      return { ok: false, code: 'SIGNATURE_INVALID', message: "the signature does not verify with the partner's key" };
  } catch (e) {
    if (e instanceof ExpiredError)
      return {
        ok: false,
        code: 'SIGNATURE_EXPIRED',
        message: `the signature's created time is more than ${maxSkewS} s away`,
      };
    return {
      ok: false,
      code: 'SIGNATURE_INVALID',
      message: `the signature cannot be checked: ${(e as Error).message}`,
    };
  }
  if (!nonce || !NONCE.test(nonce))
    return { ok: false, code: 'SIGNATURE_INVALID', message: "the signature's nonce must be 8–128 URL-safe characters" };
  return { ok: true, key: key!, nonce };
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
