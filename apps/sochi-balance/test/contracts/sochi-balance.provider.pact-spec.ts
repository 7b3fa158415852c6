import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { SochiTopUpRequestedV1 } from '#contracts';
import { buildEnvelope } from '#messaging';
import { consumersOf, expectedBy, verifyConsumerPact } from '../../../../test/contract/support/message-pact.js';
import { outboxed } from '../../../../test/contract/support/provider.js';
import { BrokerTap } from '../../../../test/support/broker-tap.js';
import { http, startService, type ServiceUnderTest } from '../../../../test/support/service-harness.js';

const INN = '01234567890123';

/** sochi-balance's real credit handler produces every message its consumers rely on. */
describe('sochi-balance, as a producer', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    svc = await startService('sochi-balance', async () => (await import('../../src/app.module.js')).AppModule);
    expect(
      (await http(svc.baseUrl, 'POST', '/v1/sochi/organizations', { inn: INN, name: 'ОсОО «Контракт»' })).status,
    ).toBe(201);
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  async function topUp(inn: string) {
    const paymentId = randomUUID();
    await tap.publish(
      buildEnvelope(
        SochiTopUpRequestedV1,
        { paymentId, inn, amount: '15000', payerPhone: '996555000001', requestedAt: new Date().toISOString() },
        'wallet',
        {
          correlationId: paymentId,
        },
      ),
    );
    return paymentId;
  }

  const produces = {
    'sochi.top-up-credited.v1': async () => outboxed(svc.db, 'sochi.top-up-credited', await topUp(INN)),
    'sochi.top-up-refused.v1': async () => outboxed(svc.db, 'sochi.top-up-refused', await topUp('99999999999999')),
  };

  it('has consumers with pacts', () => expect(consumersOf('sochi-balance').length).toBeGreaterThan(0));

  it.each(consumersOf('sochi-balance'))('satisfies the pact of %s', async (consumer) => {
    expect(Object.keys(produces)).toEqual(expect.arrayContaining(expectedBy(consumer, 'sochi-balance')));
    await verifyConsumerPact('sochi-balance', consumer, produces);
  });
});
