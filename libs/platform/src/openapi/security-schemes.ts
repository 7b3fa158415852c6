type Access = { open: true } | { partners: string[]; staff: string[] };

/** How partners and staff authenticate (libs/platform/src/auth/, docs/security.md), as OpenAPI security schemes. */
export const SECURITY_SCHEMES = {
  partnerSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'Signature',
    description: [
      'RFC 9421 HTTP message signature with the partner key (HMAC-SHA256). Send three headers:',
      '`Signature-Input: sig1=("@method" "@target-uri" "content-digest" "content-type" "idempotency-key");created=<unix seconds>;nonce="<unique>";keyid="<key id>"`,',
      '`Signature: sig1=:<base64 HMAC>:` and, with a body, `Content-Digest: sha-256=:<base64 SHA-256 of the body>:` (RFC 9530).',
      'The signature covers `content-digest` and `content-type` whenever there is a body and `idempotency-key` whenever the request carries an Idempotency-Key (leave out what the request does not have);',
      'a signature that leaves one out is 401 SIGNATURE_INVALID naming it. `created` (and `expires`, if sent) are integers.',
      "`@target-uri` is the full URL addressed; `created` may be at most 300 s from the service's time; a nonce is used once.",
      'Swagger UI cannot compute a signature: sign with `node scripts/sign-request.mjs` or `libs/megapay-client`.',
      "The key's scopes must include one the operation names in `x-access.partners`.",
    ].join(' '),
  },
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'A Dos Tek staff token (ES256 or RS256) from the staff identity provider; its `roles` claim must hold one the operation names in `x-access.staff`.',
  },
} as const;

/** An operation's `security` from its access rule: open to anyone, a partner signature, a staff token, or either. */
export function securityOf(access: Access): Record<string, string[]>[] {
  if ('open' in access) return [];
  return [
    ...(access.partners.length ? [{ partnerSignature: [] }] : []),
    ...(access.staff.length ? [{ bearerAuth: [] }] : []),
  ];
}
