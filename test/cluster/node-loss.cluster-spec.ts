import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FaultSystem, report, sleep } from '../faults/fault-system.js';
import { eventually } from '../support/eventually.js';
import {
  CLUSTER_POSTGRES_URL,
  clusterAmqpUrls,
  nodeUrl,
  postgres,
  rabbit,
  RABBIT_NODES,
  type RabbitNode,
} from './loopback-cluster.js';

/**
 * Losing a node under a stream of payments on the loopback cluster (npm run test:cluster): the services list the
 * three RabbitMQ nodes (AMQP_URLS) and reach PostgreSQL through HAProxy, which follows Patroni's primary. After each
 * fault every payment is final and as expected, nothing lost, duplicated or unexpected, money conserved, nothing
 * parked; each line of the report also gives the time from the fault to the first payment completed after it.
 */
const RATE = Number(process.env.CLUSTER_PAYMENTS_PER_SECOND ?? 20);
/** How long a RabbitMQ node stays away. */
const AWAY_MS = Number(process.env.CLUSTER_AWAY_MS ?? 3000);

describe('losing a node of the RabbitMQ cluster or the PostgreSQL primary under load', () => {
  let f: FaultSystem;
  /** The tap reconnects to a node that is up. */
  let tapNode: RabbitNode = 'a';

  beforeAll(async () => {
    const replicas = RABBIT_NODES.length;
    f = await FaultSystem.start('cluster', 4900, 1, {
      system: { postgresUrl: CLUSTER_POSTGRES_URL, amqpUrl: nodeUrl('a'), amqpUrls: clusterAmqpUrls() },
      tap: { url: nodeUrl('a'), replicas },
    });
    await f.issueInvoices(120);
  });

  afterAll(async () => {
    await f?.stop();
  });

  /**
   * Ms from `since` to the first payment final after the fault took hold: the count is first read once the fault is
   * in place (for the database, at the first read that the new primary answers), so a payment that completed in the
   * moment before the fault never counts as recovered.
   */
  async function firstCompletedAfter(since: number): Promise<number> {
    const finalCount = async (): Promise<number | undefined> => {
      try {
        const { rows } = await (
          await f.system.db('payment-router')
        ).query(`SELECT count(*)::int AS n FROM payments WHERE stage IN ('COMPLETED', 'REFUNDED')`);
        return rows[0].n;
      } catch {
        return undefined; // the database is failing over: ask again
      }
    };
    let before: number | undefined;
    while (Date.now() - since < 120_000) {
      const now = await finalCount();
      if (before === undefined) before = now;
      else if (now !== undefined && now > before) return Date.now() - since;
      await sleep(50);
    }
    return Number.NaN;
  }

  /** Runs a fault under the stream, then the repair, then checks the invariants and prints the fault's line. */
  async function underLoad(label: string, fault: () => Promise<void>, repair: () => Promise<void>): Promise<void> {
    const before = f.payments.length;
    const retriesBefore = f.retries;
    f.startStream(RATE);
    await sleep(2000);
    const t0 = Date.now();
    await fault();
    const recovered = firstCompletedAfter(t0);
    await repair();
    const repairedMs = Date.now() - t0;
    await sleep(2000);
    await f.stopStream();
    const recoveryMs = await recovered;
    await eventually(async () => expect(await rabbit.running(tapNode)).toBe(RABBIT_NODES.length), 60_000, 250);
    await eventually(async () => expect(await postgres.healthy()).toBe(true), 180_000, 250);
    await f.reopenTap();
    const { settledInMs, parked } = await f.expectClean();
    report(
      `cluster ${label}: ${f.payments.length - before} payments during it, recovery (fault to first payment completed) ${recoveryMs} ms, ` +
        `fault to node back ${repairedMs} ms, ${f.retries - retriesBefore} POST retries, settled in ${settledInMs} ms, lost 0, duplicated 0, unexpected 0, parked ${parked}`,
    );
    expect(recoveryMs).toBeLessThan(60_000);
  }

  async function killRabbitLeader(): Promise<RabbitNode> {
    const leader = await rabbit.leaderOfMost(tapNode);
    tapNode = RABBIT_NODES.find((n) => n !== leader)!;
    await rabbit.kill(leader);
    return leader;
  }

  it('(a) kill -9 of the node leading the quorum queues, then its restart', async () => {
    let leader: RabbitNode;
    await underLoad(
      '(a) RabbitMQ leader kill -9',
      async () => void (leader = await killRabbitLeader()),
      async () => {
        await sleep(AWAY_MS);
        await rabbit.start(leader);
      },
    );
  });

  it('(b) a node partitioned away (stop_app) and back', async () => {
    // The node payment-router lists first: most of the stream's publishes go through it.
    const node: RabbitNode = 'a';
    await underLoad(
      '(b) RabbitMQ node stop_app',
      async () => {
        tapNode = 'b';
        await rabbit.stopApp(node);
      },
      async () => {
        await sleep(AWAY_MS);
        await rabbit.startApp(node);
      },
    );
  });

  it('(c) kill -9 of the PostgreSQL primary: Patroni promotes the synchronous standby', async () => {
    const primary = await postgres.leader();
    await underLoad(
      '(c) PostgreSQL primary kill -9',
      async () => void (await postgres.kill(primary)),
      async () => {
        await newPrimaryInsteadOf(primary);
        await postgres.start(primary);
      },
    );
  });

  it('(d) both at once: the RabbitMQ leader node and the PostgreSQL primary', async () => {
    const primary = await postgres.leader();
    let leader: RabbitNode;
    await underLoad(
      '(d) RabbitMQ leader and PostgreSQL primary kill -9',
      async () => void ([leader] = await Promise.all([killRabbitLeader(), postgres.kill(primary)])),
      async () => {
        await sleep(AWAY_MS);
        await rabbit.start(leader);
        await newPrimaryInsteadOf(primary);
        await postgres.start(primary);
      },
    );
  });
});

/** Waits until Patroni has promoted another member than `primary`. */
function newPrimaryInsteadOf(primary: string): Promise<void> {
  return eventually(async () => expect(await postgres.leader().catch(() => primary)).not.toBe(primary), 60_000, 250);
}
