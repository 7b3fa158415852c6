/**
 * `npm run bench [-- --full] [-- --instances 2]`: the four services as processes (dist/), driven over HTTP only, at
 * open-loop rates, interleaved with two references on the same PostgreSQL — R1, one process doing the payment in one
 * transaction (bench/baseline.ts), and R2, a fair monolith behind the same HTTP request (bench/monolith/). Then the
 * client-observed ways (callback, long-poll, 50 ms polling) and a correctness run with each service killed.
 * Writes bench/results/latest.json (latest-instances-N.json for N > 1), the plots in docs/ and the generated section of
 * docs/performance.md. The phases live in bench/lib/: workload, open-loop, phases, correctness, report, plots.
 */
import { execFileSync, execSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import pg from 'pg';
import { BROKER_PERMISSIONS } from '#contracts';
import { OtlpReceiver } from '../test/support/otlp-receiver.js';
import { purgeQueues } from '../test/support/purge-queues.js';
import { RunningSystem, SERVICE_NAMES } from '../test/support/system.js';
import { TEST_NAMESPACE, TEST_PORT_OFFSET, TEST_POSTGRES_URL } from '../test/support/test-env.js';
import { CallbackReceiver } from './lib/callbacks.js';
import { CompletionFeed } from './lib/completions.js';
import { correctnessRun, type Correctness } from './lib/correctness.js';
import { BENCH_GROUPS } from './lib/cpu.js';
import { ErrorLog } from './lib/errors.js';
import { brokerRoundTrip, diskFlush } from './lib/host.js';
import { request } from './lib/http.js';
import { Monolith } from './lib/monolith.js';
import { openLoop, type Pay } from './lib/open-loop.js';
import { SystemDriver } from './lib/system-target.js';
import { parseOptions } from './lib/options.js';
import {
  OBSERVE_MODES,
  observedLevel,
  r1Level,
  r2Level,
  sweep,
  systemLevel,
  type LevelSettings,
  type Observed,
} from './lib/phases.js';
import { cpuPlot, latencyPlot } from './lib/plots.js';
import { brokerSchedulerBusyWait } from './lib/broker-scheduler.js';
import { summarizeProfile, type ProfileSummary } from './lib/profile.js';
import { createScratch, pgbench, type PgbenchResult } from './lib/reference.js';
import {
  headlineOf,
  medianLevels,
  renderReport,
  targetsOf,
  updateDoc,
  type BenchResult,
  type Repetition,
} from './lib/report.js';
import { median, round, sleep } from './lib/stats.js';
import { ORGS, prepareSystem, sochiPayment, WALLETS } from './lib/workload.js';

const options = parseOptions();
const root = new URL('../..', import.meta.url).pathname.replace(/\/+$/, '');
const DB_PREFIX = 'dostek_bench_';
const OURS = `${DB_PREFIX}${TEST_NAMESPACE}`;
const SCRATCH_DB = `${OURS}ref_scratch`;
const MONOLITH_DB = `${OURS}ref_monolith`;
const VHOST = process.env.BENCH_VHOST ?? 'dostek_bench';
const AMQP_URL = `amqp://guest:guest@127.0.0.1:5672/${VHOST}`;
const PROFILE_DIR = `${root}/bench/results/profiles.tmp`;
const PROFILE = process.argv.includes('--profile');
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'warn';
const suffix = options.instances > 1 ? `-instances-${options.instances}` : '';
const say = (line: string) => process.stdout.write(`${line}\n`);
const errors = new ErrorLog();
/** What a failed run must still stop: the services and the monolith would otherwise hold the vhost's queues. */
const stopOnFailure: Array<() => Promise<unknown>> = [];

function ensureVhost(): void {
  const vhosts = execFileSync('rabbitmqctl', ['list_vhosts', '--quiet'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim());
  if (!vhosts.includes(VHOST)) execFileSync('rabbitmqctl', ['add_vhost', VHOST], { stdio: 'ignore' });
  execFileSync('rabbitmqctl', ['set_permissions', '-p', VHOST, 'guest', '.*', '.*', '.*'], { stdio: 'ignore' });
  // The services connect as their own users (created by scripts/ensure-infra.sh), with their permissions here too.
  for (const p of BROKER_PERMISSIONS)
    execFileSync('rabbitmqctl', ['set_permissions', '-p', VHOST, p.user, p.configure, p.write, p.read], {
      stdio: 'ignore',
    });
}

const version = (pkg: string) =>
  String(JSON.parse(readFileSync(`${root}/node_modules/${pkg}/package.json`, 'utf8')).version);

/** R2's payment: the same signed request as the router's, answered once the monolith committed. */
const monolithPay =
  (url: string): Pay =>
  async () => {
    const res = await request(`${url}/v1/payments`, 'POST', sochiPayment(), { 'Idempotency-Key': randomUUID() }).catch(
      (e: Error) => ({ status: 0, body: e.message }),
    );
    if (res.status === 202) return Date.now();
    errors.add(`monolith POST /v1/payments: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    return undefined;
  };

async function main() {
  const started = Date.now();
  const machine = {
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
    memoryGiB: round(totalmem() / 2 ** 30, 0),
    kernel: execSync('uname -r').toString().trim(),
    node: process.version,
    loadAverageBefore: loadavg().map((l) => round(l, 2)),
  };
  ensureVhost();
  await purgeQueues(AMQP_URL);
  const admin = new pg.Client({ connectionString: `${TEST_POSTGRES_URL}/postgres` });
  await admin.connect();
  const versions = {
    postgres: String((await admin.query(`SHOW server_version`)).rows[0].server_version),
    rabbitmq: execFileSync('rabbitmqctl', ['version'], { encoding: 'utf8' }).trim(),
    nestjs: version('@nestjs/core'),
    pg: version('pg'),
    amqplib: version('amqplib'),
    rabbitmqSchedulerBusyWait: brokerSchedulerBusyWait(),
  };
  const postgresSettings: Record<string, string> = Object.fromEntries(
    (
      await admin.query(
        `SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers',
           'max_connections', 'wal_sync_method', 'track_commit_timestamp', 'autovacuum')`,
      )
    ).rows.map((r) => [r.name, r.setting]),
  );
  let commit = 'unknown';
  try {
    commit =
      execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim() +
      (execSync('git status --porcelain', { cwd: root }).toString().trim() ? ' (with uncommitted changes)' : '');
  } catch {
    // not a git checkout
  }

  say('measuring the machine: disk flush, broker round trip');
  const host = { diskFlush: await diskFlush(), broker: await brokerRoundTrip(AMQP_URL) };
  say(
    `disk: ${host.diskFlush?.line ?? 'n/a'}; broker round trip: classic ${host.broker.classicMs} ms, quorum ${host.broker.quorumMs} ms`,
  );

  say('starting the services, R1 scratch database and R2 monolith');
  rmSync(PROFILE_DIR, { recursive: true, force: true });
  mkdirSync(PROFILE_DIR, { recursive: true });
  // Where the services' spans go (tracing on, as in production): counted, not kept.
  const sink = await OtlpReceiver.listen(4690 + TEST_PORT_OFFSET, { keep: false });
  const receiver = await CallbackReceiver.listen(4685 + TEST_PORT_OFFSET);
  const system = await RunningSystem.start({
    dbPrefix: DB_PREFIX,
    basePort: 4600,
    instances: options.instances,
    amqpUrl: AMQP_URL,
    env: {
      LOG_LEVEL,
      OUTBOX_POLL_MS: '500',
      OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint,
      // Traced as production runs (docs/deployment.md): one payment in ten, end to end; override to trace every one.
      OTEL_TRACES_SAMPLER: process.env.OTEL_TRACES_SAMPLER ?? 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: process.env.OTEL_TRACES_SAMPLER_ARG ?? '0.1',
      // The partner's callback receiver: a router without callbacks ignores it, and the column says n/a.
      PARTNER_CALLBACK_URL: receiver.url,
      BENCH_PROFILE_DIR: PROFILE_DIR,
      ...(options.instances > 1 ? { DB_POOL_MAX: String(Math.max(4, Math.floor(10 / options.instances))) } : {}),
    },
    nodeArgs: [`--import=${root}/dist/bench/profiler-hook.js`],
  });
  stopOnFailure.push(() => system.stop());
  const feed = await CompletionFeed.open(`${TEST_POSTGRES_URL}/${OURS}payment_router`);
  const driver = new SystemDriver(system, feed, errors);
  if (postgresSettings.autovacuum === 'off')
    say(
      'autovacuum is off on this server (as in a CI image): the services run on tables never analyzed or vacuumed, ' +
        'unlike production. `ALTER SYSTEM SET autovacuum = on; SELECT pg_reload_conf();` turns it on without a restart',
    );
  if (versions.rabbitmqSchedulerBusyWait === 'on')
    say(
      "RabbitMQ's schedulers busy-wait on this broker (it was started without RabbitMQ's own +sbwt none): its CPU " +
        'column counts the spinning',
    );
  say(
    `latency ends at: ${feed.clock}${feed.clock === 'commit timestamp' ? '' : ' (track_commit_timestamp is off: a restart of PostgreSQL is needed to turn it on)'}`,
  );
  say('preparing wallets, organizations, invoices');
  const { toppedUp, invoices } = await prepareSystem((s) => driver.url(s));
  const scratchUrl = options.references
    ? await createScratch(TEST_POSTGRES_URL, SCRATCH_DB, root, WALLETS, ORGS)
    : undefined;
  const monolith = options.references
    ? await Monolith.start(root, TEST_POSTGRES_URL, MONOLITH_DB, 4680 + TEST_PORT_OFFSET, WALLETS, ORGS)
    : undefined;

  if (monolith) stopOnFailure.push(() => monolith.stop());
  const settings: LevelSettings = {
    warmupSeconds: options.warmupSeconds,
    measureSeconds: options.measureSeconds,
    drainMs: 15_000,
    overloadP99Ms: options.overloadP99Ms,
  };
  const systemAt = systemLevel(driver, admin, (db) => db.startsWith(OURS) && !db.startsWith(`${OURS}ref_`));
  const r1At = scratchUrl ? r1Level(root, scratchUrl, admin, SCRATCH_DB) : undefined;
  const r2At = monolith ? r2Level(monolith, admin, MONOLITH_DB, monolithPay) : undefined;

  say('warm-up: the system at 50/s, the monolith at 100/s');
  await openLoop(async () => (await driver.payAndTrack(sochiPayment()))?.at, 50, 0, 4, 15_000);
  await driver.drain();
  if (monolith) await openLoop(monolithPay(monolith.url), 100, 0, 3, 15_000);

  const repetitions: Repetition[] = [];
  const profiles: Record<string, ProfileSummary> = {};
  for (let i = 1; i <= options.repetitions; i++) {
    const rep: Repetition = { index: i, levels: {}, observed: [] };
    const profiling = PROFILE && i === 1;
    const signal = () => SERVICE_NAMES.forEach((s) => process.kill(system.pid(s)!, 'SIGUSR1'));
    if (profiling) signal();
    rep.levels.system = await sweep(options.rates, (rate) => systemAt(rate, settings), say, 'system');
    if (profiling) {
      signal();
      await sleep(1500);
      for (const f of readdirSync(PROFILE_DIR))
        profiles[f.replace(/\.cpuprofile$/, '')] = summarizeProfile(`${PROFILE_DIR}/${f}`);
    }
    if (r1At) rep.levels.R1 = await sweep(options.rates, (rate) => r1At(rate, settings), say, 'R1');
    if (r2At) rep.levels.R2 = await sweep(options.rates, (rate) => r2At(rate, settings), say, 'R2');
    for (const rate of options.observedRates)
      for (const mode of OBSERVE_MODES) {
        const o: Observed = await observedLevel(driver, receiver, mode, rate, settings);
        rep.observed.push(o);
        say(
          `observed by the client, ${mode} at ${rate}/s: ${o.supported && o.latencyMs ? `p50 ${o.latencyMs.p50} ms, p99 ${o.latencyMs.p99} ms` : 'n/a'}`,
        );
      }
    repetitions.push(rep);
  }
  await monolith?.stop();

  let pgbenchRuns: PgbenchResult[] | undefined;
  if (scratchUrl && options.pgbench) {
    const vars = { wallets: WALLETS, orgs: ORGS, notify: 0 };
    pgbenchRuns = [await pgbench(scratchUrl, `${root}/bench/pgbench/payment.sql`, 16, options.full ? 10 : 5, vars)];
    say(`pgbench (diagnostic) -c 16: ${round(pgbenchRuns[0].tps)} payments/s`);
  }

  const headline = repetitions.map(headlineOf);
  let correctness: Correctness | undefined;
  if (options.correctness) {
    const cap = median(headline.map((h) => h.capacity.system ?? 0));
    const rate = Math.max(25, Math.round((cap || 50) / 2));
    say(
      `correctness: mixed load at ${rate}/s with kill -9 of each service${options.brokerRestart ? ' and a RabbitMQ restart' : ''}`,
    );
    correctness = await correctnessRun(
      driver,
      {
        rate,
        seconds: options.full ? 40 : 20,
        brokerRestart: options.brokerRestart,
        invoices,
        toppedUp,
        amqpUrl: AMQP_URL,
      },
      say,
    );
  }
  await feed.close();
  await system.stop();
  await receiver.close();
  await sink.close();
  for (const db of [SCRATCH_DB, MONOLITH_DB]) await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin.end();

  const result: BenchResult & { profiles?: Record<string, ProfileSummary>; logLevel: string } = {
    command: `npm run bench${options.argv.length ? ` -- ${options.argv.join(' ')}` : ''}`,
    at: new Date().toISOString(),
    commit,
    instances: options.instances,
    machine,
    versions,
    postgresSettings,
    completionClock: feed.clock,
    settings: {
      warmupSeconds: settings.warmupSeconds,
      measureSeconds: settings.measureSeconds,
      overloadP99Ms: settings.overloadP99Ms,
      rates: options.rates,
    },
    repetitions,
    headline,
    targets: targetsOf(headline),
    host,
    pgbench: pgbenchRuns,
    correctness,
    errors: errors.count,
    errorSamples: errors.samples,
    durationSeconds: Math.round((Date.now() - started) / 1000),
    logLevel: LOG_LEVEL,
    ...(PROFILE ? { profiles } : {}),
  };
  mkdirSync(`${root}/bench/results`, { recursive: true });
  writeFileSync(`${root}/bench/results/latest${suffix}.json`, `${JSON.stringify(result, null, 2)}\n`);
  const plots = [`performance-latency${suffix}.svg`, `performance-cpu${suffix}.svg`];
  latencyPlot(
    Object.fromEntries((['system', 'R1', 'R2'] as const).map((t) => [t, medianLevels(repetitions, t)])),
    `${root}/docs/${plots[0]}`,
    'Scheduled request → final commit: p50 (dashed) and p99 (solid) against offered rate',
  );
  cpuPlot(
    medianLevels(repetitions, 'system'),
    `${root}/docs/${plots[1]}`,
    'The system: CPU ms per payment by process',
    BENCH_GROUPS,
  );
  updateDoc(`${root}/docs/performance.md`, result, plots);
  // BENCH_KEEP_PROFILES=1 keeps the raw .cpuprofile files for a call-tree look (Chrome DevTools, speedscope).
  if (!process.env.BENCH_KEEP_PROFILES) rmSync(PROFILE_DIR, { recursive: true, force: true });

  say('');
  say(renderReport(result));
  say(`\nwritten bench/results/latest${suffix}.json, docs/${plots.join(', docs/')} and docs/performance.md`);
  if (errors.count > 0 || (correctness && !correctness.clean)) {
    say(
      `NOT CLEAN: errors ${errors.count}${correctness ? `, correctness ${correctness.clean ? 'clean' : 'not clean'}` : ''}`,
    );
    process.exitCode = 1;
  }
}

main().then(
  () => process.exit(),
  async (e) => {
    process.stdout.write(`\nbenchmark failed: ${(e as Error).stack ?? e}\n`);
    for (const stop of stopOnFailure) await stop().catch(() => undefined);
    process.exit(1);
  },
);
