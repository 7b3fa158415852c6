import { createHash, randomUUID } from 'node:crypto';
import { createSigner, httpbis } from 'http-message-signatures';

/** The signature label and the components every partner request signs (docs/security.md). */
export const SIGNATURE_LABEL = 'sig1';
export const SIGNED_COMPONENTS = ['@method', '@target-uri'] as const;
/** Signed too whenever the request has a body: what the body is, and how to read it. */
export const BODY_COMPONENTS = ['content-digest', 'content-type'] as const;
/**
 * Signed too whenever the request carries it: a hop that changed the key and dropped the answer would turn the
 * partner's honest retry into a second payment.
 */
export const IDEMPOTENCY_KEY_COMPONENT = 'idempotency-key';

/** RFC 9530 Content-Digest of a body: `sha-256=:<base64>:`. */
export function contentDigest(body: string | Uint8Array): string {
  return `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;
}

export interface SigningKeyRef {
  keyid: string;
  secret: string;
}

/** The components a request signs: @method and @target-uri; with a body content-digest and content-type; idempotency-key when it carries one. */
export function componentsToSign(hasBody: boolean, hasIdempotencyKey: boolean): string[] {
  return [
    ...SIGNED_COMPONENTS,
    ...(hasBody ? BODY_COMPONENTS : []),
    ...(hasIdempotencyKey ? [IDEMPOTENCY_KEY_COMPONENT] : []),
  ];
}

/**
 * The headers that sign a request as a partner (RFC 9421, hmac-sha256): Content-Digest when there is a body, and
 * Signature-Input/Signature labelled sig1 over componentsToSign, with created, nonce and keyid. `url` is the full
 * URL the request goes to, exactly as sent; `headers` are the other headers it is sent with (any case): its
 * Content-Type and Idempotency-Key are taken from there.
 */
export async function signedHeaders(
  key: SigningKeyRef,
  request: { method: string; url: string; body?: string | Uint8Array; headers?: Record<string, string> },
  options: { created?: Date; nonce?: string } = {},
): Promise<Record<string, string>> {
  const given = Object.fromEntries(Object.entries(request.headers ?? {}).map(([n, v]) => [n.toLowerCase(), v]));
  const hasBody = request.body !== undefined && request.body.length > 0;
  const headers: Record<string, string> = {};
  if (hasBody) headers['content-digest'] = contentDigest(request.body!);
  // A body without a Content-Type is signed without it, and the services refuse it (415 or 401).
  const contentType = hasBody ? given['content-type'] : undefined;
  if (contentType !== undefined) headers['content-type'] = contentType;
  const idempotencyKey = given[IDEMPOTENCY_KEY_COMPONENT];
  if (idempotencyKey !== undefined) headers[IDEMPOTENCY_KEY_COMPONENT] = idempotencyKey;
  const signed = await httpbis.signMessage(
    {
      key: createSigner(key.secret, 'hmac-sha256', key.keyid),
      name: SIGNATURE_LABEL,
      params: ['created', 'nonce', 'keyid'],
      fields: componentsToSign(hasBody, idempotencyKey !== undefined).filter(
        (c) => c !== 'content-type' || contentType !== undefined,
      ),
      paramValues: { created: options.created ?? new Date(), nonce: options.nonce ?? randomUUID() },
    },
    { method: request.method.toUpperCase(), url: request.url, headers },
  );
  const out = signed.headers as Record<string, string>;
  return {
    ...(hasBody ? { 'content-digest': headers['content-digest']! } : {}),
    signature: out.Signature ?? out.signature,
    'signature-input': out['Signature-Input'] ?? out['signature-input'],
  };
}

/** "keyid:secret" (as in SERVICE_QUERY_KEY) as a signing key. */
export function signingKeyFrom(text: string): SigningKeyRef {
  const at = text.indexOf(':');
  return { keyid: text.slice(0, at), secret: text.slice(at + 1) };
}
