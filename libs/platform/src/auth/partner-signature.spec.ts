import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { checkPartnerSignature } from './partner-signature.js';
import { signedHeaders } from '#megapay-client';

const KEY = { keyid: 'megapay', secret: 'a-secret-of-at-least-thirty-two-characters' };
const NEXT = { keyid: 'megapay', secret: 'the-next-secret-of-at-least-thirty-two-chars' };
const KEYS = [{ keyid: 'megapay', secrets: [KEY.secret, NEXT.secret], scopes: ['payments' as const] }];
const URL = 'http://127.0.0.1:3000/v1/payments';
const BODY = '{"phone":"996555000001","service":"SOCHI","account":"01234567890123","amount":"50.00"}';

async function check(headers: Record<string, string>, body: string | undefined = BODY, url = URL, method = 'POST') {
  return checkPartnerSignature(
    { method, url, headers, body: body === undefined ? undefined : Buffer.from(body) },
    KEYS,
    300,
  );
}

describe('RFC 9421 partner signatures (hmac-sha256, sig1)', () => {
  it("accepts a request signed with either of the key's secrets (rotation)", async () => {
    for (const key of [KEY, NEXT]) {
      const result = await check(await signedHeaders(key, { method: 'POST', url: URL, body: BODY }));
      expect(result).toMatchObject({ ok: true, key: { keyid: 'megapay' } });
    }
  });

  it('covers @method, @target-uri and content-digest with created, nonce and keyid', async () => {
    const headers = await signedHeaders(
      KEY,
      { method: 'POST', url: URL, body: BODY },
      { created: new Date('2026-11-30T00:00:00Z'), nonce: 'n-0123456789' },
    );
    expect(headers['signature-input']).toBe(
      'sig1=("@method" "@target-uri" "content-digest");created=1795996800;nonce="n-0123456789";keyid="megapay"',
    );
    expect(headers['content-digest']).toMatch(/^sha-256=:[A-Za-z0-9+/]+=*:$/);
  });

  it('refuses what was changed after signing: the body, the method, the target', async () => {
    const headers = await signedHeaders(KEY, { method: 'POST', url: URL, body: BODY });
    expect(await check(headers, BODY.replace('50.00', '5000.00'))).toMatchObject({
      ok: false,
      code: 'SIGNATURE_INVALID',
    });
    expect(
      await check(
        {
          ...headers,
          'content-digest': (await signedHeaders(KEY, { method: 'POST', url: URL, body: '{}' }))['content-digest'],
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
    const headers = await signedHeaders(KEY, { method: 'POST', url: URL, body: BODY });
    const { 'content-digest': _, ...undigested } = headers;
    expect(await check(undigested)).toMatchObject({ ok: false, code: 'SIGNATURE_INVALID' });
    expect(
      await check(
        await signedHeaders({ keyid: 'stranger', secret: KEY.secret }, { method: 'POST', url: URL, body: BODY }),
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
        { method: 'POST', url: URL, body: BODY },
        { created: new Date(Date.now() + offset) },
      );
      expect(await check(stale)).toMatchObject({ ok: false, code: 'SIGNATURE_EXPIRED' });
    }
  });

  it('refuses a created or expires that is not an integer, even signed (the freshness check would let it through)', async () => {
    const digest = (await signedHeaders(KEY, { method: 'POST', url: URL, body: BODY }))['content-digest'];
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
});
