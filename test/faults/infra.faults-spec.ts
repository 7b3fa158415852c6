import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { FaultSystem, INFRA, LONG, report, sleep } from './fault-system.js';

/**
 * The broker and the database go away under a stream of payments and come back; the services recover by themselves
 * (amqp-connection-manager reconnects and re-declares, the pg pools reconnect, the relay LISTENs again, consumers hold
 * messages through a database outage instead of parking them). These stop what every test run on the machine shares,
 * so FAULTS_INFRA=0 leaves them out on a shared machine; each outage is short.
 */
const OUTAGE_MS = Number(process.env.FAULTS_OUTAGE_MS ?? (LONG ? 8000 : 3000));
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'pipe', timeout: 120_000 }).toString();
const pgVersion = () => readdirSync('/etc/postgresql').sort().at(-1)!;

(INFRA ? describe : describe.skip)('broker and database outages', () => {
  let f: FaultSystem;

  beforeAll(async () => {
    f = await FaultSystem.start('infra', 4500);
    await f.issueInvoices(40);
  });

  afterAll(async () => {
    await f?.stop();
  });

  it('RabbitMQ stop_app / start_app under a stream: every payment settles, nothing lost, duplicated or parked', async () => {
    const before = f.payments.length;
    f.startStream(20);
    await sleep(1500);
    const t0 = Date.now();
    // stop_app stops the RabbitMQ application but keeps the Erlang node: seconds, where stopping the server takes longer.
    run('rabbitmqctl', ['stop_app']);
    await sleep(OUTAGE_MS);
    run('rabbitmqctl', ['start_app']);
    run('rabbitmqctl', ['await_startup']);
    const downMs = Date.now() - t0;
    await f.reopenTap();
    await sleep(2000);
    await f.stopStream();
    const { settledInMs, parked } = await f.expectClean();
    report(
      `RabbitMQ stop_app/start_app: broker away ${downMs} ms, ${f.payments.length - before} payments during the fault, ${f.retries} POST retries so far, settled in ${settledInMs} ms, lost 0, duplicated 0, unexpected 0, parked ${parked}`,
    );
  });

  it('PostgreSQL fast stop / start under a stream: every payment settles, nothing lost, duplicated or parked', async () => {
    const before = f.payments.length;
    const retriesBefore = f.retries;
    f.startStream(20);
    await sleep(1500);
    const t0 = Date.now();
    run('pg_ctlcluster', ['--skip-systemctl-redirect', pgVersion(), 'main', 'stop', '-m', 'fast']);
    await sleep(OUTAGE_MS);
    run('pg_ctlcluster', ['--skip-systemctl-redirect', pgVersion(), 'main', 'start']);
    const downMs = Date.now() - t0;
    await sleep(2000);
    await f.stopStream();
    const { settledInMs, parked } = await f.expectClean();
    report(
      `PostgreSQL stop -m fast/start: database away ${downMs} ms, ${f.payments.length - before} payments during the fault, ${f.retries - retriesBefore} POST retries, settled in ${settledInMs} ms, lost 0, duplicated 0, unexpected 0, parked ${parked}`,
    );
  });
});
