import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import amqp from 'amqplib';
import { checkInvariants, summarize } from '../faults/invariant-checker.js';
import { DrillCluster } from '../support/drill-cluster.js';
import { PaymentLoad } from '../support/payment-load.js';
import { purgeQueues } from '../support/purge-queues.js';
import { RunningSystem } from '../support/system.js';
import { TEST_AMQP_URL } from '../support/test-env.js';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (fromMs: number) => Math.round((Date.now() - fromMs) / 100) / 10;
const RATE = Number(process.env.RESTORE_RATE ?? 10);

/**
 * `npm run test:restore`: the restore drill of docs/operations.md, on a PostgreSQL cluster of its own that archives
 * its WAL. Payments, a base backup (scripts/pg-backup.sh), more payments; while they go on, the wallet's disk is
 * "lost" (the process killed, its database dropped), the wallet's database is restored to the moment before
 * (scripts/pg-restore-database.sh) and the wallet started again. Then every payment is final, money is conserved
 * across the four databases, and nothing was applied twice: the restored inbox meets the messages the broker kept
 * for the wallet meanwhile, and redelivers those the killed process had not acked.
 */
describe('restore drill: a lost service database restored to the latest point, no money lost or doubled', () => {
  let cluster: DrillCluster;
  let system: RunningSystem;
  let load: PaymentLoad;

  beforeAll(async () => {
    await purgeQueues(TEST_AMQP_URL);
    cluster = await DrillCluster.create();
    system = await RunningSystem.start({ dbPrefix: 'dostek_restore_', basePort: 5300, postgresUrl: cluster.url });
    load = await PaymentLoad.prepare(system, { wallets: 50, organizations: 10, invoices: 20 });
  }, 180_000);

  afterAll(async () => {
    await load?.close();
    await system?.stop();
    // RESTORE_KEEP=1 leaves the drill's cluster running for a look (its folder and port are in test-logs/restore-result.json).
    if (process.env.RESTORE_KEEP !== '1') cluster?.destroy();
  });

  it('backs up, loses the wallet database under load, restores it, and every payment ends once', async () => {
    const drillStarted = Date.now();
    const env = { ...process.env, ...cluster.env };
    const before = await load.openLoop(RATE, 10);

    let t = Date.now();
    const backup = await run('bash', ['scripts/pg-backup.sh', `${cluster.dir}/base`], { env });
    const backupS = seconds(t);

    // Payments go on through the loss and the restore: those that reach the router meanwhile wait for the wallet.
    // The restore goes back to just before the DROP, found in the archived WAL, as an operator would.
    const during = load.openLoop(RATE, 40);
    await sleep(12_000);
    const lostAt = Date.now();
    await system.kill('wallet');
    await cluster.query(`DROP DATABASE ${system.dbName('wallet')} WITH (FORCE)`);
    await sleep(2000);

    t = Date.now();
    const restore = await run(
      'bash',
      [
        'scripts/pg-restore-database.sh',
        '--backup',
        `${cluster.dir}/base`,
        '--wal-archive',
        cluster.walArchive,
        '--database',
        system.dbName('wallet'),
        '--before-drop',
      ],
      { env },
    );
    const restoreS = seconds(t);
    const waiting = await queueDepth('wallet.events');
    t = Date.now();
    await system.startService('wallet');
    const restartS = seconds(t);
    const downS = seconds(lostAt);

    const after = await during;
    const settleStarted = Date.now();
    const report = await checkInvariants((s) => system.db(s), { toppedUp: load.toppedUp });
    const wallet = await system.db('wallet');
    const doubled = (
      await wallet.query(
        `SELECT count(*)::int AS n FROM (SELECT payment_id, kind FROM wallet_ledger WHERE payment_id IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1) d`,
      )
    ).rows[0].n;
    const result = {
      payments: {
        beforeBackup: before.length,
        duringLossAndRestore: after.length,
        total: report.payments,
        byStatus: report.byStatus,
      },
      timingsS: {
        backup: backupS,
        restore: restoreS,
        walletRestart: restartS,
        walletDown: downS,
        settle: seconds(settleStarted),
        drill: seconds(drillStarted),
      },
      walletQueueAtRestart: waiting,
      cluster: { dir: cluster.dir, port: cluster.port },
      invariants: {
        ...summarize(report),
        money: Object.fromEntries(Object.entries(report.money).map(([k, v]) => [k, String(v)])),
      },
      walletLedgerEntriesTwiceForOnePayment: doubled,
      errors: load.errors,
      scripts: { backup: backup.stdout.trim(), restore: restore.stdout.trim() },
    };
    mkdirSync('test-logs', { recursive: true });
    writeFileSync('test-logs/restore-result.json', JSON.stringify(result, null, 2));
    process.stdout.write(`restore drill: ${JSON.stringify(result)}\n`);

    expect(load.errors).toEqual([]);
    expect(after.length).toBeGreaterThan(0);
    expect(summarize(report)).toEqual({ lost: 0, duplicated: 0, unexpected: 0, examples: [] });
    expect(report.money.difference).toBe(0n);
    expect(doubled).toBe(0);
  }, 400_000);
});

/** Messages waiting in a queue (ready, not yet delivered). */
async function queueDepth(queue: string): Promise<number> {
  const conn = await amqp.connect(TEST_AMQP_URL);
  try {
    const ch = await conn.createChannel();
    return (await ch.checkQueue(queue)).messageCount;
  } finally {
    await conn.close();
  }
}
