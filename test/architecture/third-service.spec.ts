import { describe, expect, it } from '@jest/globals';
import { Parser } from '@asyncapi/parser';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import {
  brokerPermissionsOf,
  brokerPermissionsTsv,
  buildAsyncApi,
  envelopeSchema,
  eventsConsumedBy,
  findEvent,
  queueOf,
  renderEventsMarkdown,
} from '#contracts';
import { CATALOG_WITH_SMS, SERVICES_WITH_SMS, SMS_EVENTS } from './third-service.fixture/contracts/catalog.js';
import { SMS_BALANCE } from './third-service.fixture/contracts/sms-service.js';

// docs/architecture.md, "Adding a payable service", followed once for an SMS balance: the contract steps run on the
// real derivations of libs/contracts, and the new app's layout passes the real layer rules.
const fixture = fileURLToPath(new URL('./third-service.fixture/', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
const matches = (regex: string, name: string) => new RegExp(regex).test(name);

describe('a third payable service, by the steps of docs/architecture.md', () => {
  it('step 1: its events are routing keys <type>.v<version>, produced and consumed as declared', () => {
    expect(SMS_EVENTS.map((d) => d.routingKey)).toEqual([
      'sms.top-up-requested.v1',
      'sms.top-up-credited.v1',
      'sms.top-up-refused.v1',
    ]);
    expect(eventsConsumedBy(SMS_BALANCE, CATALOG_WITH_SMS).map((d) => d.routingKey)).toEqual([
      'sms.top-up-requested.v1',
    ]);
    expect(eventsConsumedBy('payment-router', CATALOG_WITH_SMS).map((d) => d.routingKey)).toEqual(
      expect.arrayContaining(['sms.top-up-credited.v1', 'sms.top-up-refused.v1']),
    );
    // Not in the real catalog: the fixture adds nothing to production.
    expect(findEvent('sms.top-up-requested', 1)).toBeUndefined();
  });

  it('step 1 is needed: an envelope from a service missing in SERVICES is refused', () => {
    const envelope = {
      messageId: '8d0b7c52-6a3e-4d7f-9a36-3f3f0f7a1b11',
      type: 'sms.top-up-credited',
      version: 1,
      occurredAt: '2026-01-15T10:00:00+06:00',
      correlationId: 'p-1',
      causationId: null,
      producer: SMS_BALANCE,
      payload: {},
    };
    expect(envelopeSchema.safeParse(envelope).success).toBe(false);
    expect(envelopeSchema.safeParse({ ...envelope, producer: 'sochi-balance' }).success).toBe(true);
  });

  it('step 2: the topology gives it a quorum queue bound to what it consumes, and a parking queue', () => {
    expect(queueOf(SMS_BALANCE, CATALOG_WITH_SMS)).toEqual({
      service: 'sms-balance',
      queue: 'sms-balance.events',
      parkingQueue: 'sms-balance.parking',
      routingKeys: ['sms.top-up-requested.v1'],
    });
  });

  it('step 2: its broker user may publish, consume and park on its own queues only', () => {
    const p = brokerPermissionsOf(SMS_BALANCE, CATALOG_WITH_SMS);
    expect(p.user).toBe('dostek-sms-balance');
    for (const name of ['dostek.events', 'dostek.parking', 'sms-balance.events', 'sms-balance.parking']) {
      expect({ name, write: matches(p.write, name), read: matches(p.read, name) }).toEqual({
        name,
        write: true,
        read: true,
      });
    }
    for (const name of ['sochi-balance.events', 'wallet.parking', 'sms-balance.events2']) {
      expect({ name, configure: matches(p.configure, name), read: matches(p.read, name) }).toEqual({
        name,
        configure: false,
        read: false,
      });
    }
    const tsv = brokerPermissionsTsv(SERVICES_WITH_SMS.map((s) => brokerPermissionsOf(s, CATALOG_WITH_SMS)));
    expect(tsv).toContain('dostek-sms-balance\tdev-only-dostek-sms-balance\t');
  });

  it('step 7: the AsyncAPI document and the events page describe it, and the document stays valid', async () => {
    const doc = buildAsyncApi(CATALOG_WITH_SMS, SERVICES_WITH_SMS) as {
      operations: Record<string, { action: string }>;
      info: { tags: { name: string }[] };
    };
    expect(Object.keys(doc.operations)).toEqual(
      expect.arrayContaining([
        'payment-router-sends-SmsTopUpRequestedV1',
        'sms-balance-receives-SmsTopUpRequestedV1',
        'sms-balance-sends-SmsTopUpCreditedV1',
        'payment-router-receives-SmsTopUpRefusedV1',
      ]),
    );
    expect(doc.info.tags).toContainEqual({ name: 'sms-balance' });
    expect(renderEventsMarkdown(CATALOG_WITH_SMS)).toContain('`sms.top-up-requested.v1`');
    const { diagnostics } = await new Parser().parse(stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false }));
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => d.message)).toEqual([]);
  });

  it("step 3: the new app's folders pass the layer rules of .dependency-cruiser.cjs", async () => {
    const { cruise } = await import('dependency-cruiser');
    const config = createRequire(import.meta.url)(`${root}.dependency-cruiser.cjs`);
    const { tsConfig: _, ...options } = config.options;
    const result = await cruise(['apps'], {
      ...options,
      baseDir: fixture,
      validate: true,
      ruleSet: { forbidden: config.forbidden },
    });
    const output = result.output as {
      summary: { violations: { rule: { name: string }; from: string; to: string }[] };
      modules: { source: string }[];
    };
    const ours = output.modules.map((m) => m.source).filter((s) => s.startsWith('apps/'));
    expect(ours.sort()).toEqual([
      'apps/sms-balance/src/credit-top-up/credit-top-up.consumer.ts',
      'apps/sms-balance/src/credit-top-up/credit-top-up.handler.ts',
      'apps/sms-balance/src/domain/top-up-decision.ts',
      'apps/sms-balance/src/persistence/balance-rows.ts',
    ]);
    expect(output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });
});
