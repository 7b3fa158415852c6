import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { SochiTopUpRequestedV1 } from '#contracts';
import { buildEnvelope } from '#messaging';
import { BrokerTap } from '../support/broker-tap.js';
import { eventually } from '../support/eventually.js';
import { http, startService, type ServiceUnderTest } from '../support/service-harness.js';
import { bishkek, MONTH_EDGES } from './bishkek.js';

let nextInn = 0;

/**
 * СОЧИ statements cut at Bishkek midnight by sochi-balance's clock: a credit at 23:59:30 belongs to the last day of
 * the month, one at 00:00:30 to the first of the next, and the days' balances chain (closing = next opening).
 */
describe('СОЧИ statements on day and month edges (Asia/Bishkek)', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    svc = await startService(
      'sochi-balance',
      async () => (await import('../../apps/sochi-balance/src/app.module.js')).AppModule,
    );
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  beforeEach(() => svc.clock.release());

  async function organization() {
    const inn = `0333333333${String(++nextInn).padStart(4, '0')}`;
    expect((await http(svc.baseUrl, 'POST', '/v1/sochi/organizations', { inn, name: 'ОсОО «Календарь»' })).status).toBe(
      201,
    );
    return inn;
  }
  async function credit(inn: string, tyiyn: string) {
    const paymentId = randomUUID();
    await tap.publish(
      buildEnvelope(
        SochiTopUpRequestedV1,
        { paymentId, inn, amount: tyiyn, payerPhone: '996555000001', requestedAt: svc.clock.now().toISOString() },
        'wallet',
        {
          correlationId: paymentId,
        },
      ),
    );
    return eventually(() => {
      const [e] = tap.eventsOf('sochi.top-up-credited').filter((x) => x.payload.paymentId === paymentId);
      expect(e).toBeDefined();
      return e;
    });
  }
  const statement = async (inn: string, from: string, to = from) =>
    (await http(svc.baseUrl, 'GET', `/v1/sochi/organizations/${inn}/statement?from=${from}&to=${to}`)).body;

  it.each(MONTH_EDGES)(
    'puts a credit at 23:59:30 on $lastDay and one at 00:00:30 on $firstDay, and chains the two days',
    async ({ lastDay, firstDay }) => {
      svc.clock.set(bishkek(`${lastDay} 12:00:00`));
      const inn = await organization();
      svc.clock.set(bishkek(`${lastDay} 23:59:30`));
      const before = await credit(inn, '10000');
      expect(before.payload.creditedAt).toBe(bishkek(`${lastDay} 23:59:30`).toISOString());
      svc.clock.set(bishkek(`${firstDay} 00:00:30`));
      await credit(inn, '5000');

      const last = await statement(inn, lastDay);
      const first = await statement(inn, firstDay);
      expect(last).toMatchObject({ openingBalance: '0.00', credits: '100.00', closingBalance: '100.00' });
      expect(last.entries.map((e: any) => e.at)).toEqual([bishkek(`${lastDay} 23:59:30`).toISOString()]);
      expect(first).toMatchObject({ openingBalance: '100.00', credits: '50.00', closingBalance: '150.00' });
      expect(first.entries.map((e: any) => e.at)).toEqual([bishkek(`${firstDay} 00:00:30`).toISOString()]);
      expect(await statement(inn, lastDay, firstDay)).toMatchObject({
        openingBalance: '0.00',
        credits: '150.00',
        closingBalance: '150.00',
      });
    },
  );

  it("never dates an entry before the organization's previous one, so an instance whose clock lags cannot split a day", async () => {
    svc.clock.set(bishkek('2027-01-31 12:00:00'));
    const inn = await organization();
    svc.clock.set(bishkek('2027-02-01 00:00:30'));
    await credit(inn, '10000');
    // Another instance, 40 seconds behind, credits the same organization next, under its lock.
    svc.clock.set(bishkek('2027-01-31 23:59:50'));
    await credit(inn, '2500');
    const jan31 = await statement(inn, '2027-01-31');
    const feb1 = await statement(inn, '2027-02-01');
    expect(jan31).toMatchObject({ openingBalance: '0.00', credits: '0.00', closingBalance: '0.00', entries: [] });
    expect(feb1).toMatchObject({ openingBalance: '0.00', credits: '125.00', closingBalance: '125.00' });
    expect(feb1.entries.map((e: any) => e.at)).toEqual([
      bishkek('2027-02-01 00:00:30').toISOString(),
      bishkek('2027-02-01 00:00:30').toISOString(),
    ]);
  });
});
