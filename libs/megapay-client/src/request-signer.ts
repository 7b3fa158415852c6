import { createHash, randomUUID } from 'node:crypto';
import { createSigner, httpbis } from 'http-message-signatures';

/** The signature label and the components every partner request signs (docs/security.md). */
export const SIGNATURE_LABEL = 'sig1';
export const SIGNED_COMPONENTS = ['@method', '@target-uri'] as const;

/** RFC 9530 Content-Digest of a body: `sha-256=:<base64>:`. */
export function contentDigest(body: string | Uint8Array): string {
  return `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;
}

export interface SigningKeyRef {
  keyid: string;
  secret: string;
}

/**
 * The headers that sign a request as a partner (RFC 9421, hmac-sha256): Content-Digest when there is a body, and
 * Signature-Input/Signature labelled sig1 over @method, @target-uri and content-digest, with created, nonce and keyid.
 * `url` is the full URL the request goes to, exactly as sent.
 */
export async function signedHeaders(
  key: SigningKeyRef,
  request: { method: string; url: string; body?: string | Uint8Array },
  options: { created?: Date; nonce?: string } = {},
): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  const hasBody = request.body !== undefined && request.body.length > 0;
  if (hasBody) headers['content-digest'] = contentDigest(request.body!);
  const signed = await httpbis.signMessage(
    {
      key: createSigner(key.secret, 'hmac-sha256', key.keyid),
      name: SIGNATURE_LABEL,
      params: ['created', 'nonce', 'keyid'],
      fields: hasBody ? [...SIGNED_COMPONENTS, 'content-digest'] : [...SIGNED_COMPONENTS],
      paramValues: { created: options.created ?? new Date(), nonce: options.nonce ?? randomUUID() },
    },
    { method: request.method.toUpperCase(), url: request.url, headers },
  );
  const out = signed.headers as Record<string, string>;
  return {
    ...headers,
    signature: out.Signature ?? out.signature,
    'signature-input': out['Signature-Input'] ?? out['signature-input'],
  };
}

/** "keyid:secret" (as in SERVICE_QUERY_KEY) as a signing key. */
export function signingKeyFrom(text: string): SigningKeyRef {
  const at = text.indexOf(':');
  return { keyid: text.slice(0, at), secret: text.slice(at + 1) };
}
