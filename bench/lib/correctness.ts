import { execFileSync } from 'node:child_process';
import amqp from 'amqplib';
import { TOPOLOGY } from '#contracts';
import { checkInvariants, summarize } from '../../test/faults/invariant-checker.js';
import { SERVICE_NAMES, type ServiceName } from '../../test/support/system.js';
import { openLoop } from './open-loop.js';
import { sleep } from './stats.js';
import type { SystemDriver } from './system-target.js';
import { mixedPayments } from './workload.js';

export interface Correctness {
  rate: number;
  seconds: number;
  payments: number;
  final: number;
  /** What was done to the system while the load ran, in order. */
  faults: string[];
  brokerRestarted: boolean;
  lost: number;
  duplicated: number;
  unexpected: number;
  examples: string[];
  byStatus: Record<string, number>;
  money: Record<string, string>;
  moneyConserved: boolean;
  /** Parked messages per parking queue (on the queue or in the service's parked-message store); none were injected. */
  parked: Record<string, number>;
  clean: boolean;
}

/** Messages parked per parking queue: still on the queue, or moved into the service's parked-message store. */
async function parkedCounts(driver: SystemDriver, amqpUrl: string): Promise<Record<string, number>> {
  const conn = await amqp.connect(amqpUrl);
  const ch = await conn.createChannel();
  const out: Record<string, number> = {};
  try {
    for (const q of TOPOLOGY) {
      const { rows } = await (
        await driver.system.db(q.service)
      ).query(`SELECT count(*)::int AS n FROM parked_messages WHERE status = 'OPEN'`);
      out[q.parkingQueue] = (await ch.checkQueue(q.parkingQueue)).messageCount + rows[0].n;
    }
  } finally {
    await conn.close();
  }
  return out;
}

/** Starts a killed service again; on a crowded machine its health check may take longer than the harness waits. */
async function startAgain(driver: SystemDriver, sv: ServiceName, say: (line: string) => void): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await driver.system.startService(sv);
    } catch (e) {
      if (attempt === 3) throw e;
      say(`correctness: ${sv} not healthy yet (${(e as Error).message}), starting it again`);
      await driver.system.kill(sv, 'SIGKILL');
    }
  }
}

/** Restarts the RabbitMQ application (the node stays up): every connection of every vhost drops. Shared: flag only. */
function restartBroker(): void {
  execFileSync('rabbitmqctl', ['stop_app'], { stdio: 'ignore' });
  execFileSync('rabbitmqctl', ['start_app'], { stdio: 'ignore' });
  execFileSync('rabbitmqctl', ['await_startup'], { stdio: 'ignore' });
}

/**
 * A mixed load at `rate` for `seconds` while each service is killed with SIGKILL and started again (and, with
 * `brokerRestart`, RabbitMQ restarted); then every payment must become final and the invariants hold across the four
 * databases: lost 0, duplicated 0, money conserved, nothing parked (nothing poisonous was sent).
 */
export async function correctnessRun(
  driver: SystemDriver,
  args: {
    rate: number;
    seconds: number;
    brokerRestart: boolean;
    invoices: string[];
    toppedUp: bigint;
    amqpUrl: string;
  },
  say: (line: string) => void,
): Promise<Correctness> {
  const faults: string[] = [];
  const body = mixedPayments(args.invoices);
  // Its failure is reported after the load has run, not as an unhandled rejection in the middle of it.
  const chaos = (async () => {
    const gap = (args.seconds * 1000) / (SERVICE_NAMES.length + (args.brokerRestart ? 2 : 1));
    for (const sv of SERVICE_NAMES) {
      await sleep(gap);
      await driver.system.kill(sv, 'SIGKILL');
      faults.push(`kill -9 ${sv}`);
      await startAgain(driver, sv, say);
      say(`correctness: ${sv} killed with SIGKILL and started again`);
    }
    if (args.brokerRestart) {
      await sleep(gap);
      restartBroker();
      faults.push('RabbitMQ restarted (rabbitmqctl stop_app, start_app)');
      say('correctness: RabbitMQ restarted');
    }
  })().then(
    () => undefined,
    (e: Error) => e,
  );
  // Every POST retried with its key for up to 60 s (the router may be down); each payment awaited for up to 3 minutes.
  const run = await openLoop(
    async () => (await driver.payAndTrack(body(), 180_000, 60_000))?.at,
    args.rate,
    0,
    args.seconds,
    180_000,
  );
  const chaosFailed = await chaos;
  if (chaosFailed) throw chaosFailed;
  await sleep(2000);
  const report = await checkInvariants((s) => driver.system.db(s), { toppedUp: args.toppedUp });
  const parked = await parkedCounts(driver, args.amqpUrl);
  const s = summarize(report);
  const parkedTotal = Object.values(parked).reduce((a, b) => a + b, 0);
  const moneyConserved = report.money.difference === 0n;
  return {
    rate: args.rate,
    seconds: args.seconds,
    payments: run.offered,
    final: run.completed,
    faults,
    brokerRestarted: args.brokerRestart,
    lost: s.lost,
    duplicated: s.duplicated,
    unexpected: s.unexpected,
    examples: s.examples,
    byStatus: report.byStatus,
    money: Object.fromEntries(Object.entries(report.money).map(([k, v]) => [k, v.toString()])),
    moneyConserved,
    parked,
    clean: s.lost + s.duplicated + s.unexpected + parkedTotal === 0 && moneyConserved && run.completed === run.offered,
  };
}
