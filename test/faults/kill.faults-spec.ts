import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SERVICE_NAMES, type ServiceName } from '../support/system.js';
import { FaultSystem, LONG, report, sleep } from './fault-system.js';

/**
 * kill -9 of each service in turn under a steady stream of payments, then a restart; and kill -9 right after a burst,
 * while the relay publishes and the consumer holds unacknowledged messages. After each fault every payment settles
 * within the bound, as expected, with nothing lost, duplicated or unexpected, and nothing parked.
 */
describe('kill -9 of each service under load', () => {
  let f: FaultSystem;

  beforeAll(async () => {
    f = await FaultSystem.start('kill', 4400);
    await f.issueInvoices(LONG ? 120 : 40);
  });

  afterAll(async () => {
    await f?.stop();
  });

  const rounds = LONG ? 3 : 1;

  for (let round = 1; round <= rounds; round++) {
    it.each(SERVICE_NAMES.map((s) => [s]))(
      `round ${round}: kill -9 %s in a steady stream, restart it`,
      async (service) => {
        const before = f.payments.length;
        f.startStream(20);
        await sleep(1500);
        const { unpublished } = await f.killWhenBusy(service as ServiceName, 500);
        await sleep(700);
        await f.system.startService(service as ServiceName);
        await sleep(1000);
        await f.stopStream();
        const { settledInMs, parked } = await f.expectClean();
        report(
          `kill -9 ${service} (stream): ${f.payments.length - before} payments during the fault, ${unpublished} unpublished outbox rows at the kill, settled in ${settledInMs} ms, lost 0, duplicated 0, unexpected 0, parked ${parked}`,
        );
      },
    );
  }

  it.each([['payment-router'], ['wallet'], ['sochi-balance']])(
    'kill -9 %s in a burst of 60 payments, while its relay has rows to publish',
    async (service) => {
      const before = f.payments.length;
      const burst = f.burst(60);
      const { unpublished, queued } = await f.killWhenBusy(service as ServiceName);
      await sleep(500);
      await f.system.startService(service as ServiceName);
      await burst;
      const { settledInMs, parked } = await f.expectClean();
      report(
        `kill -9 ${service} (burst): ${f.payments.length - before} payments, killed with ${unpublished} unpublished outbox rows and ${queued} messages queued for it, settled in ${settledInMs} ms, lost 0, duplicated 0, unexpected 0, parked ${parked}`,
      );
      expect(f.payments.length - before).toBe(60);
    },
  );
});
