import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { checkPartnerSignature } from './partner-signature.js';
import { createSigner, httpbis } from 'http-message-signatures';
import { signedHeaders } from '#megapay-client';

const KEY = { keyid: 'megapay', secret: 'a-secret-of-at-least-thirty-two-characters' };
const NEXT = { keyid: 'megapay', secret: 'the-next-secret-of-at-least-thirty-two-chars' };
const KEYS = [{ keyid: 'megapay', secrets: [KEY.secret, NEXT.secret], scopes: ['payments' as const] }];
const JSON_BODY = { 'content-type': 'application/json' };
const URL = 'http://127.0.0.1:3000/v1/payments';
const BODY = '{"phone":"996555000001","service":"SOCHI","account":"01234567890123","amount":"50.00"}';

async function check(headers: Record<string, string>, body: string | undefined = BODY, url = URL, method = 'POST') {
  return checkPartnerSignature(
    {
      method,
      url,
      headers: { ...(body === undefined ? {} : JSON_BODY), ...headers },
      body: body === undefined ? undefined : Buffer.from(body),
    },
    KEYS,
    300,
  );
}

describe('RFC 9421 partner signatures (hmac-sha256, sig1)', () => {
  it("accepts a request signed with either of the key's secrets (rotation)", async () => {
    for (const key of [KEY, NEXT]) {
      const result = await check(
        await signedHeaders(key, { method: 'POST', url: URL, body: BODY, headers: JSON_BODY }),
      );
      expect(result).toMatchObject({ ok: true, key: { keyid: 'megapay' } });
    }
  });

  it('covers @method, @target-uri, content-digest, content-type and idempotency-key with created, nonce and keyid', async () => {
    const headers = await signedHeaders(
      KEY,
      { method: 'POST', url: URL, body: BODY, headers: { ...JSON_BODY, 'Idempotency-Key': 'k-1' } },
      { created: new Date('2026-11-30T00:00:00Z'), nonce: 'n-0123456789' },
    );
    expect(headers['signature-input']).toBe(
      'sig1=("@method" "@target-uri" "content-digest" "content-type" "idempotency-key");created=1795996800;nonce="n-0123456789";keyid="megapay"',
    );
    expect(headers['content-digest']).toMatch(/^sha-256=:[A-Za-z0-9+/]+=*:$/);
  });

  it('refuses what was changed after signing: the body, the method, the target', async () => {
    const headers = await signedHeaders(KEY, { method: 'POST', url: URL, body: BODY, headers: JSON_BODY });
    expect(await check(headers, BODY.replace('50.00', '5000.00'))).toMatchObject({
      ok: false,
      code: 'SIGNATURE_INVALID',
    });
    expect(
      await check(
        {
          ...headers,
          'content-digest': (await signedHeaders(KEY, { method: 'POST', url: URL, body: '{}', headers: JSON_BODY }))[
            'content-digest'
          ],
        },
        '{}',
      ),
    ).toMatchObject({
      ok: false,
      code: 'SIGNATURE_INVALID',
    });
    expect(await check(headers, BODY, URL, 'PUT')).toMatchObject({ ok: false, code: 'SIGNATURE_INVALID' });
    expect(await check(headers, BODY, 'http://127.0.0.1:3000/v1/payments/check')).toMatchObject({
      ok: false,
      code: 'SIGNATURE_INVALID',
    });
  });

  it('refuses a missing signature, a missing digest, an unknown key, another label, and a stale or future created', async () => {
    expect(await check({})).toMatchObject({ ok: false, code: 'SIGNATURE_MISSING' });
    const headers = await signedHeaders(KEY, { method: 'POST', url: URL, body: BODY, headers: JSON_BODY });
    const { 'content-digest': _, ...undigested } = headers;
    expect(await check(undigested)).toMatchObject({ ok: false, code: 'SIGNATURE_INVALID' });
    expect(
      await check(
        await signedHeaders(
          { keyid: 'stranger', secret: KEY.secret },
          { method: 'POST', url: URL, body: BODY, headers: JSON_BODY },
        ),
      ),
    ).toMatchObject({ ok: false, code: 'UNKNOWN_KEY' });
    expect(
      await check({
        ...headers,
        signature: headers.signature.replace('sig1=', 'sig2='),
        'signature-input': headers['signature-input'].replace('sig1=', 'sig2='),
      }),
    ).toMatchObject({
      ok: false,
      code: 'SIGNATURE_INVALID',
    });
    for (const offset of [-301_000, 301_000]) {
      const stale = await signedHeaders(
        KEY,
        { method: 'POST', url: URL, body: BODY, headers: JSON_BODY },
        { created: new Date(Date.now() + offset) },
      );
      expect(await check(stale)).toMatchObject({ ok: false, code: 'SIGNATURE_EXPIRED' });
    }
  });

  it('refuses a created or expires that is not an integer, even signed (the freshness check would let it through)', async () => {
    const digest = (await signedHeaders(KEY, { method: 'POST', url: URL, body: BODY, headers: JSON_BODY }))[
      'content-digest'
    ];
    const now = Math.floor(Date.now() / 1000);
    for (const times of [`created=${now}.5`, `created=${now};expires=${now + 60}.5`]) {
      const params = `("@method" "@target-uri" "content-digest");${times};nonce="n-0123456789";keyid="megapay"`;
      const base = `"@method": POST\n"@target-uri": ${URL}\n"content-digest": ${digest}\n"@signature-params": ${params}`;
      const signature = createHmac('sha256', KEY.secret).update(base).digest('base64');
      const result = await check({
        'content-digest': digest,
        'signature-input': `sig1=${params}`,
        signature: `sig1=:${signature}:`,
      });
      expect(result).toMatchObject({ ok: false, code: 'SIGNATURE_INVALID', message: expect.stringMatching(/integer/) });
    }
  });

  it('refuses an Idempotency-Key the signature does not cover, or one changed after signing', async () => {
    const uncovered = await signedHeaders(KEY, { method: 'POST', url: URL, body: BODY, headers: JSON_BODY });
    expect(await check({ ...uncovered, 'idempotency-key': 'k-1' })).toMatchObject({
      ok: false,
      code: 'SIGNATURE_INVALID',
      message: expect.stringMatching(/must cover idempotency-key/),
    });
    const signed = await signedHeaders(KEY, {
      method: 'POST',
      url: URL,
      body: BODY,
      headers: { ...JSON_BODY, 'idempotency-key': 'k-1' },
    });
    expect(await check({ ...signed, 'idempotency-key': 'k-1' })).toMatchObject({ ok: true });
    expect(await check({ ...signed, 'idempotency-key': 'k-2' })).toMatchObject({
      ok: false,
      code: 'SIGNATURE_INVALID',
    });
    const get = await signedHeaders(KEY, { method: 'GET', url: URL, headers: { 'Idempotency-Key': 'k-1' } });
    expect(await check({ ...get, 'idempotency-key': 'k-1' }, '', URL, 'GET')).toMatchObject({ ok: true });
  });

  it('refuses a body whose content-type the signature does not cover, or one changed after signing', async () => {
    const digest = (await signedHeaders(KEY, { method: 'POST', url: URL, body: BODY, headers: JSON_BODY }))[
      'content-digest'
    ]!;
    const old = await httpbis.signMessage(
      {
        key: createSigner(KEY.secret, 'hmac-sha256', KEY.keyid),
        name: 'sig1',
        params: ['created', 'nonce', 'keyid'],
        fields: ['@method', '@target-uri', 'content-digest'],
        paramValues: { created: new Date(), nonce: 'n-0123456789' },
      },
      { method: 'POST', url: URL, headers: { 'content-digest': digest } },
    );
    const oldHeaders = old.headers as Record<string, string>;
    expect(
      await check({
        'content-digest': digest,
        signature: oldHeaders.Signature!,
        'signature-input': oldHeaders['Signature-Input']!,
      }),
    ).toMatchObject({
      ok: false,
      code: 'SIGNATURE_INVALID',
      message: expect.stringMatching(/must cover content-type/),
    });
    const signed = await signedHeaders(KEY, { method: 'POST', url: URL, body: BODY, headers: JSON_BODY });
    expect(await check({ ...signed, 'content-type': 'text/plain' })).toMatchObject({
      ok: false,
      code: 'SIGNATURE_INVALID',
    });
  });
});
