import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { signedHeaders } from '#platform';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { DEV_PARTNER } from '../../../test/support/test-credentials.js';

const OTHER = { keyid: 'megapay-second', secret: 'a-second-payments-partner-secret-0123456789' };

/** Idempotency keys belong to the partner that sent them. */
describe('payment idempotency keys, per partner', () => {
  let svc: ServiceUnderTest;

  beforeAll(async () => {
    svc = await startService('payment-router', async () => (await import('../src/app.module.js')).AppModule, {
      PARTNER_KEYS: JSON.stringify([
        { keyid: DEV_PARTNER.keyid, secrets: [DEV_PARTNER.secret], scopes: ['payments'] },
        { keyid: OTHER.keyid, secrets: [OTHER.secret], scopes: ['payments'] },
      ]),
    });
  });

  afterAll(async () => {
    await svc?.close();
  });

  async function pay(as: { keyid: string; secret: string }, key: string, amount: string) {
    const body = JSON.stringify({ phone: '996555000001', service: 'SOCHI', account: '01234567890123', amount });
    const url = `${svc.baseUrl}/v1/payments`;
    const sent = { 'content-type': 'application/json', 'Idempotency-Key': key };
    return http(svc.baseUrl, 'POST', '/v1/payments', body, {
      ...(await signedHeaders(as, { method: 'POST', url, body, headers: sent })),
      ...sent,
    });
  }

  it("makes two payments of two partners' equal keys, and replays each partner's own", async () => {
    const key = randomUUID();
    const first = await pay(DEV_PARTNER, key, '10.00');
    const second = await pay(OTHER, key, '20.00');
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(second.body.id).not.toBe(first.body.id);
    const again = await pay(OTHER, key, '20.00');
    expect({ status: again.status, id: again.body.id, replayed: again.headers.get('idempotent-replayed') }).toEqual({
      status: 202,
      id: second.body.id,
      replayed: 'true',
    });
    // Neither partner reaches the other's payment through the key: the same key with the other's body is its own conflict.
    expect((await pay(DEV_PARTNER, key, '20.00')).body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const { rows } = await svc.db.query(
      `SELECT idempotency_key FROM payments WHERE id = ANY($1::uuid[]) ORDER BY created_at`,
      [[first.body.id, second.body.id]],
    );
    expect(rows.map((r) => r.idempotency_key).sort()).toEqual(
      [`partner:${DEV_PARTNER.keyid}/${key}`, `partner:${OTHER.keyid}/${key}`].sort(),
    );
  });
});
