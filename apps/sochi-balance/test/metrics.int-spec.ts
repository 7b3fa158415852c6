import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { SochiTopUpRequestedV1 } from '#contracts';
import { buildEnvelope } from '#messaging';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { eventually } from '../../../test/support/eventually.js';
import { MetricsScrape } from '../../../test/support/metrics-scrape.js';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';

const INN = '01234567890888';
const TOKEN = 'metrics-token-for-the-int-test';

/** GET /metrics: who may scrape it, and what a consumed message and the service's tables show there. */
describe('sochi-balance /metrics', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    svc = await startService('sochi-balance', async () => (await import('../src/app.module.js')).AppModule, {
      METRICS_TOKEN: TOKEN,
    });
    expect(
      (await http(svc.baseUrl, 'POST', '/v1/sochi/organizations', { inn: INN, name: 'ОсОО Метрика' })).status,
    ).toBe(201);
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
    delete process.env.METRICS_TOKEN;
  });

  it('answers only the bearer of METRICS_TOKEN, with a problem+json 401 otherwise, and is not in the OpenAPI document', async () => {
    const none = await http(svc.baseUrl, 'GET', '/metrics', undefined, {}, { credentials: 'none' });
    expect(none.status).toBe(401);
    expect(none.contentType).toContain('application/problem+json');
    expect(none.body.code).toBe('TOKEN_INVALID');
    expect(
      (await fetch(`${svc.baseUrl}/metrics`, { headers: { authorization: 'Bearer not-the-token-at-all' } })).status,
    ).toBe(401);
    const res = await fetch(`${svc.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const doc = (await http(svc.baseUrl, 'GET', '/docs-json', undefined, {}, { credentials: 'none' })).body;
    expect(Object.keys(doc.paths)).not.toContain('/metrics');
  });

  it('counts a handled top-up and times it, and reads the outbox, inbox, parked store and pool', async () => {
    const before = await MetricsScrape.of(svc.baseUrl, TOKEN);
    const paymentId = randomUUID();
    await tap.publish(
      buildEnvelope(
        SochiTopUpRequestedV1,
        { paymentId, inn: INN, amount: '100', payerPhone: '996555000001', requestedAt: new Date().toISOString() },
        'wallet',
        { correlationId: paymentId },
      ),
    );
    const after = await eventually(async () => {
      const s = await MetricsScrape.of(svc.baseUrl, TOKEN);
      expect(
        s.value('dostek_messages_handled_total', { consumer: 'sochi-balance', event: 'sochi.top-up-requested.v1' }) -
          before.value('dostek_messages_handled_total', { event: 'sochi.top-up-requested.v1' }),
      ).toBe(1);
      return s;
    });
    expect(
      after.value('dostek_message_handling_seconds_count', { event: 'sochi.top-up-requested.v1' }) -
        before.value('dostek_message_handling_seconds_count', { event: 'sochi.top-up-requested.v1' }),
    ).toBe(1);
    expect(after.value('dostek_messages_failed_total') - before.value('dostek_messages_failed_total')).toBe(0);
    expect(after.value('dostek_inbox_rows')).toBe(before.value('dostek_inbox_rows') + 1);
    expect(after.value('dostek_parked_messages_open')).toBe(0);
    await svc.flushOutbox();
    const settled = await MetricsScrape.of(svc.baseUrl, TOKEN);
    expect(settled.value('dostek_outbox_unpublished')).toBe(0);
    expect(settled.value('dostek_outbox_oldest_unpublished_seconds')).toBe(0);
    expect(settled.value('dostek_db_pool_connections', { state: 'idle' })).toBeGreaterThan(0);
    expect(settled.value('nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });
});
