import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { TOPOLOGY, findEvent } from '#contracts';
import { SERVICE_NAMES } from '../support/system.js';
import { FaultSystem, report, sleep } from './fault-system.js';

/**
 * Redelivery of messages already processed (envelopes copied from every outbox, republished) changes nothing; malformed,
 * unknown, misrouted and schema-violating messages on every queue are parked — exactly those, and nothing else.
 */
describe('duplicates and poison on every queue', () => {
  let f: FaultSystem;

  beforeAll(async () => {
    f = await FaultSystem.start('poison', 4450);
    await f.issueInvoices(40);
  });

  afterAll(async () => {
    await f?.stop();
  });

  it('republishes already-processed envelopes from every outbox under a stream: no effect, nothing parked', async () => {
    f.startStream(20);
    await sleep(2000);
    let republished = 0;
    for (const service of SERVICE_NAMES) {
      const { rows } = await (
        await f.system.db(service)
      ).query(`SELECT routing_key, envelope FROM outbox WHERE published_at IS NOT NULL ORDER BY random() LIMIT 40`);
      for (const r of rows) {
        await f.tap.publish(r.envelope, r.routing_key);
        republished++;
      }
    }
    await sleep(1500);
    await f.stopStream();
    const { settledInMs, parked } = await f.expectClean();
    report(
      `redelivery: ${republished} processed envelopes republished, settled in ${settledInMs} ms, lost 0, duplicated 0, unexpected 0, parked ${parked}`,
    );
  });

  it('parks malformed, invalid, unknown, misrouted and schema-violating messages on every queue, and only those', async () => {
    const expected: Array<{ service: string; messageId: string; code: string }> = [];
    f.startStream(20);
    await sleep(1000);
    for (const spec of TOPOLOGY) {
      // A routing key only this service's queue is bound to.
      const key = spec.routingKeys.find((k) => TOPOLOGY.filter((t) => t.routingKeys.includes(k)).length === 1);
      if (!key) continue;
      const [type, v] = [key.slice(0, key.lastIndexOf('.v')), Number(key.slice(key.lastIndexOf('.v') + 2))];
      const def = findEvent(type, v)!;
      const envelope = (messageId: string, over: Record<string, unknown>) =>
        JSON.stringify({
          messageId,
          type,
          version: v,
          occurredAt: new Date().toISOString(),
          correlationId: randomUUID(),
          causationId: null,
          producer: def.producer,
          payload: {},
          ...over,
        });
      const notMine = TOPOLOGY.flatMap((t) => t.routingKeys).find((k) => !spec.routingKeys.includes(k))!;
      const cases: Array<[string, string]> = [
        ['DATA_REJECTED', 'not json {'],
        ['INVALID_ENVELOPE', JSON.stringify({ hello: 'world' })],
        ['UNKNOWN_EVENT', ''],
        ['NOT_A_CONSUMER', ''],
        ['SCHEMA_VIOLATION', ''],
      ];
      for (const [code, raw] of cases) {
        const id = randomUUID();
        const body =
          code === 'UNKNOWN_EVENT'
            ? envelope(id, { type: 'bogus.thing-happened', version: 1 })
            : code === 'NOT_A_CONSUMER'
              ? envelope(id, {
                  type: notMine.slice(0, notMine.lastIndexOf('.v')),
                  version: Number(notMine.slice(notMine.lastIndexOf('.v') + 2)),
                })
              : code === 'SCHEMA_VIOLATION'
                ? envelope(id, { payload: { paymentId: 'not-a-uuid', amount: '1.5' } })
                : raw;
        await f.tap.publishRaw(key, body, id);
        expected.push({ service: spec.service, messageId: id, code });
      }
    }
    await sleep(1500);
    await f.stopStream();
    const { settledInMs, parked } = await f.expectClean(expected);
    report(
      `poison: ${expected.length} injected on ${SERVICE_NAMES.length} queues, ${parked} parked (exactly those), settled in ${settledInMs} ms, lost 0, duplicated 0, unexpected 0`,
    );
  });
});
