import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { MegaPayClient } from '#megapay-client';

const doc = JSON.parse(readFileSync(new URL('../../docs/openapi/payment-router.json', import.meta.url), 'utf8'));
const BASE = 'http://router.test';

interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown> | undefined;
}

/** The operation of the router's OpenAPI document a call goes to: its path template matched, its method there. */
function operationOf(call: Call) {
  for (const [template, item] of Object.entries<Record<string, any>>(doc.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (pattern.test(call.path) && item[call.method.toLowerCase()])
      return { template, op: item[call.method.toLowerCase()] };
  }
  return undefined;
}

/**
 * The MegaPay client library, checked against the router's committed OpenAPI document (itself checked against the
 * running router): every call it makes is an operation of the document, with the headers the operation requires,
 * a body of the fields its schema names (the required ones present), and the partner's signature.
 */
describe("the MegaPay client library and the router's OpenAPI document", () => {
  const calls: Call[] = [];
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('makes only calls the document describes, shaped as it says', async () => {
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = new URL(String(input));
      calls.push({
        method: init?.method ?? 'GET',
        path: url.pathname,
        headers: Object.fromEntries(
          Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
        ),
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
      });
      const payment = { id: '00000000-0000-4000-8000-000000000001', status: 'COMPLETED' };
      return new Response(JSON.stringify(payment), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    const client = new MegaPayClient({
      baseUrl: BASE,
      key: { keyid: 'megapay', secret: 'a-secret-of-at-least-thirty-two-characters' },
    });
    const payment = { phone: '996555000001', service: 'SOCHI' as const, account: '01234567890123', amount: '150.00' };
    await client.services();
    await client.check(payment);
    await client.pay(payment, 'key-1');
    await client.payFromFavorite(
      { phone: '996555000001', favoriteId: '00000000-0000-4000-8000-000000000002' },
      'key-2',
    );
    await client.payment('00000000-0000-4000-8000-000000000001');
    await client.payAndWait(payment);

    expect(calls.map((c) => operationOf(c)?.template)).toEqual([
      '/v1/services',
      '/v1/payments/check',
      '/v1/payments',
      '/v1/payments/from-favorite',
      '/v1/payments/{id}',
      '/v1/payments',
      '/v1/payments/{id}',
    ]);
    for (const call of calls) {
      const { op } = operationOf(call)!;
      expect(call.headers['signature-input']).toMatch(
        /^sig1=\("@method" "@target-uri"( "content-digest" "content-type")?( "idempotency-key")?\);created=\d+;nonce="[^"]+";keyid="megapay"$/,
      );
      expect(call.headers['signature-input']!.includes('"idempotency-key"')).toBe(
        call.headers['idempotency-key'] !== undefined,
      );
      for (const p of (op.parameters ?? []).filter((x: any) => x.in === 'header' && x.required))
        expect(call.headers[p.name.toLowerCase()]).toBeDefined();
      const schema = op.requestBody?.content?.['application/json']?.schema;
      if (!schema) {
        expect(call.body).toBeUndefined();
        continue;
      }
      expect(Object.keys(call.body ?? {}).filter((k) => !(k in schema.properties))).toEqual([]);
      expect((schema.required ?? []).filter((k: string) => !(k in (call.body ?? {})))).toEqual([]);
      if (schema.properties.service?.enum) expect(schema.properties.service.enum).toContain(call.body!.service);
    }
  });
});
