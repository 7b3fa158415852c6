/**
 * `npm run bench [-- --instances 2] [-- --quick]`: the four services as processes (dist/), driven over HTTP only.
 * Measures completed payments per second over a concurrency sweep (closed loop), request → COMPLETED latency at fixed
 * rates (open loop), CPU seconds per payment per process, and the references measured in the same run on the same
 * PostgreSQL: pgbench running one payment's database work (bench/pgbench/payment.sql) and a single-transaction baseline.
 * Writes bench/results/latest.json (latest-instances-N.json for N > 1) and the generated section of docs/performance.md.
 */
import { execFileSync, execSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import amqp from 'amqplib';
import pg from 'pg';
import { BROKER_PERMISSIONS, TOPOLOGY } from '#contracts';
import { checkInvariants, summarize } from '../test/faults/invariant-checker.js';
import { purgeQueues } from '../test/support/purge-queues.js';
import { RunningSystem, SERVICE_NAMES, type ServiceName } from '../test/support/system.js';
import { TEST_NAMESPACE, TEST_PORT_OFFSET, TEST_POSTGRES_URL } from '../test/support/test-env.js';
import { CompletionFeed } from './lib/completions.js';
import { CpuSampler, findProcesses, postgresGroups } from './lib/cpu.js';
import { pool, request } from './lib/http.js';
import { summarizeProfile, type ProfileSummary } from './lib/profile.js';
import { baseline, createScratch, pgbench, type BaselineResult, type PgbenchResult } from './lib/reference.js';
import { paymentTotals, Scraper } from './lib/telemetry.js';
import { OtlpReceiver } from '../test/support/otlp-receiver.js';
import { asStaff } from '../test/support/test-credentials.js';

// ---------------------------------------------------------------------------------------------------------------- setup
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const QUICK = flag('quick');
const INSTANCES = Number(option('instances', '1'));
const LEVELS = option('levels', QUICK ? '1,4,16,48' : '1,2,4,8,16,32,64,128')
  .split(',')
  .map(Number);
const RATES = option('rates', '50,100,200').split(',').map(Number);
const LEVEL_SECONDS = Number(option('level-seconds', QUICK ? '4' : '8'));
const RATE_SECONDS = Number(option('rate-seconds', QUICK ? '8' : '20'));
const PEAK_SECONDS = QUICK ? 8 : 15;
const REF_SECONDS = Number(option('ref-seconds', QUICK ? '5' : '10'));
const SKIP_REFERENCE = flag('skip-reference');
/** Tracing (OTLP to a counting sink) and /metrics scraped every 5 s, as in production; `--telemetry off` runs without. */
const TELEMETRY = option('telemetry', 'on') !== 'off';
/** After the main run, the same closed loop with telemetry on and then off (the services restarted without it). */
const SKIP_OVERHEAD = flag('skip-overhead');
const WALLETS = 1000;
const ORGS = 100;
const UNKNOWN_INN = '99999999999999';

const root = new URL('../..', import.meta.url).pathname.replace(/\/+$/, '');
const DB_PREFIX = 'dostek_bench_';
const VHOST = process.env.BENCH_VHOST ?? 'dostek_bench';
const AMQP_URL = `amqp://guest:guest@127.0.0.1:5672/${VHOST}`;
const PROFILE_DIR = `${root}/bench/results/profiles.tmp`;
const outName = INSTANCES > 1 ? `latest-instances-${INSTANCES}.json` : 'latest.json';

const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let errors = 0;
const errorSamples: string[] = [];
function error(what: string): void {
  errors++;
  if (errorSamples.length < 20) errorSamples.push(what);
}

// ------------------------------------------------------------------------------------------------------------ progress
const progress = { phase: 'starting', sent: 0, done: 0, started: Date.now() };
let feed: CompletionFeed;
const ticker = setInterval(
  () => {
    const line = `[${progress.phase}] ${((Date.now() - progress.started) / 1000).toFixed(0)} s  sent ${progress.sent}  completed ${progress.done}  in flight ${feed?.pending ?? 0}  errors ${errors}`;
    if (process.stdout.isTTY) process.stdout.write(`\r\x1b[2K${line}`);
    else if (Math.floor((Date.now() - progress.started) / 1000) % 5 === 0) say(line);
  },
  process.stdout.isTTY ? 250 : 1000,
);
function phase(name: string): void {
  if (process.stdout.isTTY) process.stdout.write('\r\x1b[2K');
  progress.phase = name;
  progress.started = Date.now();
  progress.sent = 0;
  progress.done = 0;
}

// -------------------------------------------------------------------------------------------------------------- system
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

/** Messages parked per parking queue: still on the queue, or moved into the service's parked-message store. */
async function parkedCounts(): Promise<Record<string, number>> {
  const conn = await amqp.connect(AMQP_URL);
  const ch = await conn.createChannel();
  const out: Record<string, number> = {};
  for (const q of TOPOLOGY) {
    const { rows } = await (
      await system.db(q.service)
    ).query(`SELECT count(*)::int AS n FROM parked_messages WHERE status = 'OPEN'`);
    out[q.parkingQueue] = (await ch.checkQueue(q.parkingQueue)).messageCount + rows[0].n;
  }
  await conn.close();
  return out;
}

let system: RunningSystem;
let calls = 0;
const at = (service: ServiceName) => system.url(service, calls++ % INSTANCES);

// ------------------------------------------------------------------------------------------------------------ workload
const wallets = Array.from({ length: WALLETS }, (_, i) => String(996700000000 + i + 1));
const orgs = Array.from({ length: ORGS }, (_, i) => String(30000000000000 + i + 1).padStart(14, '0'));
let invoices: string[] = [];
let toppedUp = 0n;
const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
const amount = () => `${1 + Math.floor(Math.random() * 9)}.${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;
type Body = { phone: string; service: 'SOCHI' | 'ECP'; account: string; amount: string };
const sochiPayment = (): Body => ({ phone: pick(wallets), service: 'SOCHI', account: pick(orgs), amount: amount() });

async function prepare(): Promise<void> {
  await pool(wallets, 32, async (phone) => {
    const created = await request(`${at('wallet')}/v1/wallets`, 'POST', { phone });
    if (created.status !== 201) throw new Error(`wallet ${phone}: ${created.status} ${JSON.stringify(created.body)}`);
    const topUp = await request(
      `${at('wallet')}/v1/wallets/${phone}/top-ups`,
      'POST',
      { amount: '50000.00' },
      { 'Idempotency-Key': randomUUID() },
    );
    if (topUp.status !== 201) throw new Error(`top-up ${phone}: ${topUp.status} ${JSON.stringify(topUp.body)}`);
    toppedUp += 5_000_000n;
  });
  await pool(orgs, 16, async (inn) => {
    const res = await request(`${at('sochi-balance')}/v1/sochi/organizations`, 'POST', {
      inn,
      name: `ОсОО «Бенч ${inn.slice(-3)}»`,
    });
    if (res.status !== 201) throw new Error(`organization ${inn}: ${res.status}`);
  });
  // ЭЦП invoices of 25.00: staff price the product so, then clients register for it.
  const priced = await request(
    `${at('ecp-invoicing')}/v1/ecp/products/ACCOUNTANT_CLOUD`,
    'PUT',
    { price: '25.00' },
    await asStaff('pricing'),
  );
  if (priced.status !== 200) throw new Error(`product price: ${priced.status} ${JSON.stringify(priced.body)}`);
  const numbers: string[] = [];
  await pool(Array.from({ length: 60 }), 8, async () => {
    const res = await request(`${at('ecp-invoicing')}/v1/ecp/registrations`, 'POST', {
      office: 'ONLINE',
      organizationName: 'ИП Бенчмарк',
      inn: '22222222222222',
      signerName: 'Бенчмарков Тест',
      signerRole: 'Индивидуальный предприниматель',
      phone: '996555000011',
      productCode: 'ACCOUNTANT_CLOUD',
    });
    if (res.status !== 201) throw new Error(`registration: ${res.status} ${JSON.stringify(res.body)}`);
    numbers.push(res.body.invoice.number);
  });
  invoices = numbers;
}

interface Sample {
  /** When the request was due (open loop) or sent (closed loop), epoch ms. */
  start: number;
  /** HTTP 202 received. */
  accepted: number;
  /** Final in the router's database. */
  final: number;
  stage: string;
}

/** POST /v1/payments and wait for the payment to become final; records an error for anything but 202 then final. */
async function payAndTrack(body: Body, start = Date.now()): Promise<Sample | undefined> {
  progress.sent++;
  let res;
  const key = randomUUID();
  for (let attempt = 1; ; attempt++) {
    try {
      res = await request(`${at('payment-router')}/v1/payments`, 'POST', body, { 'Idempotency-Key': key });
      break;
    } catch (e) {
      // A keep-alive socket the server closed just as it was reused: retried with the same Idempotency-Key, as the
      // MegaPay backend would; anything else, or a second failure, is an error.
      if (attempt === 1 && (e as { code?: string }).code === 'ECONNRESET') continue;
      error(`POST /v1/payments: ${(e as Error).message}`);
      return undefined;
    }
  }
  const accepted = Date.now();
  if (res.status !== 202) {
    error(`POST /v1/payments: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    return undefined;
  }
  const done = await Promise.race([feed.wait(res.body.id), sleep(60_000).then(() => undefined)]);
  if (!done) {
    error(`payment ${res.body.id} not final within 60 s`);
    return undefined;
  }
  progress.done++;
  return { start, accepted, final: done.at, stage: done.stage };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
function latencies(samples: Sample[]) {
  const e2e = samples.map((s) => s.final - s.start).sort((a, b) => a - b);
  const http = samples.map((s) => s.accepted - s.start).sort((a, b) => a - b);
  return {
    p50: round(percentile(e2e, 50)),
    p95: round(percentile(e2e, 95)),
    p99: round(percentile(e2e, 99)),
    max: round(e2e.at(-1) ?? NaN),
    http202p50: round(percentile(http, 50)),
    http202p99: round(percentile(http, 99)),
  };
}

// ------------------------------------------------------------------------------------------------------------------ CPU
let admin: pg.Client;
const beam = findProcesses('beam.smp');
const sampler = new CpuSampler(async () => {
  const groups = await postgresGroups(admin, DB_PREFIX);
  groups.set(
    'postgres backends',
    groups.get('postgres backends')!.filter((pid) => pid !== feed?.backendPid),
  );
  if (feed?.backendPid) groups.set('postgres: bench feed', [feed.backendPid]);
  for (const s of SERVICE_NAMES) {
    groups.set(
      s,
      Array.from({ length: INSTANCES }, (_, k) => system.pid(s, k)).filter((p): p is number => p !== undefined),
    );
  }
  groups.set('rabbitmq (beam.smp)', beam);
  return groups;
});

type Cpu = { seconds: number; byGroup: Record<string, number>; machineBusy: number };
/** The load generator's own processes: reported, but not counted as the system's CPU per payment. */
const BENCH_GROUPS = new Set(['bench driver', 'postgres: bench feed']);
function cpuPerPayment(cpu: Cpu, payments: number) {
  const perPayment: Record<string, number> = {};
  const percent: Record<string, number> = {};
  let system = 0;
  let all = 0;
  for (const [g, s] of Object.entries(cpu.byGroup)) {
    perPayment[g] = payments ? round((s / payments) * 1000, 3) : NaN; // ms of CPU per payment
    percent[g] = round((s / cpu.seconds) * 100, 0);
    all += s;
    if (!BENCH_GROUPS.has(g)) system += s;
  }
  return {
    msPerPayment: perPayment,
    percentOfOneCore: percent,
    /** Services, their PostgreSQL backends and writers, RabbitMQ: ms of CPU per payment (the load generator excluded). */
    totalMsPerPayment: payments ? round((system / payments) * 1000, 2) : NaN,
    machineBusyPercent: round((cpu.machineBusy / cpu.seconds / cpus().length) * 100, 0),
    otherProcessesPercentOfOneCore: round(((cpu.machineBusy - all) / cpu.seconds) * 100, 0),
  };
}

// ------------------------------------------------------------------------------------------------------------- phases
async function closedLoop(concurrency: number, warmupS: number, measureS: number, during?: () => Promise<void>) {
  let stop = false;
  const samples: Sample[] = [];
  const workers = Array.from({ length: concurrency }, async () => {
    while (!stop) {
      const s = await payAndTrack(sochiPayment());
      if (s) samples.push(s);
      else await sleep(50);
    }
  });
  await sleep(warmupS * 1000);
  const from = Date.now();
  await sampler.start();
  const extra = during?.();
  await sleep(measureS * 1000);
  const to = Date.now();
  const cpu = await sampler.stop();
  stop = true;
  await Promise.all([...workers, extra]);
  const inWindow = samples.filter((s) => s.final >= from && s.final < to);
  const started = samples.filter((s) => s.start >= from && s.start < to);
  return {
    concurrency,
    throughput: round(inWindow.length / ((to - from) / 1000)),
    completed: inWindow.length,
    latencyMs: latencies(started),
    cpu: cpuPerPayment(cpu, inWindow.length),
  };
}

async function openLoop(rate: number, seconds: number, body: () => Body = sochiPayment) {
  const total = Math.round(rate * seconds);
  const t0 = Date.now() + 50;
  const pending: Promise<Sample | undefined>[] = [];
  await sampler.start();
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 1) await sleep(wait);
    pending.push(payAndTrack(body(), due));
  }
  const samples = (await Promise.all(pending)).filter((s): s is Sample => s !== undefined);
  const cpu = await sampler.stop();
  const lastFinal = Math.max(...samples.map((s) => s.final));
  return {
    rate,
    payments: total,
    completed: samples.length,
    achievedPerSecond: round(samples.length / ((lastFinal - t0) / 1000)),
    latencyMs: latencies(samples),
    byStage: samples.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s.stage]: (acc[s.stage] ?? 0) + 1 }), {}),
    cpu: cpuPerPayment(cpu, samples.length),
  };
}

function topSnapshot(): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn('top', ['-b', '-n', '2', '-d', '3', '-w', '200'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('exit', () => {
      const blocks = out.split(/\n(?=top - )/);
      const last = blocks.at(-1) ?? '';
      const lines = last.split('\n');
      const header = lines.findIndex((l) => /^\s*PID\s/.test(l));
      resolve([...lines.slice(0, 3), ...lines.slice(header, header + 13)].join('\n'));
    });
  });
}

async function signalProfilers(): Promise<void> {
  for (const s of SERVICE_NAMES) for (let k = 0; k < INSTANCES; k++) process.kill(system.pid(s, k)!, 'SIGUSR1');
}

// --------------------------------------------------------------------------------------------------------------- main
async function main() {
  const machine = {
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
    memoryGiB: round(totalmem() / 2 ** 30, 0),
    kernel: execSync('uname -r').toString().trim(),
    node: process.version,
    loadAverageBefore: loadavg().map((l) => round(l, 2)),
  };
  ensureVhost();
  await purgeQueues(AMQP_URL);
  admin = new pg.Client({ connectionString: `${TEST_POSTGRES_URL}/postgres` });
  await admin.connect();
  const versions = {
    postgres: String((await admin.query(`SHOW server_version`)).rows[0].server_version),
    rabbitmq: execFileSync('rabbitmqctl', ['version'], { encoding: 'utf8' }).trim(),
    nestjs: JSON.parse(readFileSync(`${root}/node_modules/@nestjs/core/package.json`, 'utf8')).version,
    pg: JSON.parse(readFileSync(`${root}/node_modules/pg/package.json`, 'utf8')).version,
    typeorm: JSON.parse(readFileSync(`${root}/node_modules/typeorm/package.json`, 'utf8')).version,
    amqplib: JSON.parse(readFileSync(`${root}/node_modules/amqplib/package.json`, 'utf8')).version,
  };
  const pgSettings = Object.fromEntries(
    (
      await admin.query(
        `SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'max_connections', 'wal_sync_method')`,
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

  rmSync(PROFILE_DIR, { recursive: true, force: true });
  mkdirSync(PROFILE_DIR, { recursive: true });
  phase('starting services');
  // Where the services' spans go: counted, not kept.
  const sink = await OtlpReceiver.listen(4690 + TEST_PORT_OFFSET, { keep: false });
  const telemetryEnv: Record<string, string> = TELEMETRY ? { OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint } : {};
  system = await RunningSystem.start({
    dbPrefix: DB_PREFIX,
    basePort: 4600,
    instances: INSTANCES,
    amqpUrl: AMQP_URL,
    // With several instances, smaller pools keep every process within the server's max_connections (shared here).
    env: {
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_MS: '500',
      BENCH_PROFILE_DIR: PROFILE_DIR,
      ...telemetryEnv,
      ...(INSTANCES > 1 ? { DB_POOL_MAX: String(Math.max(4, Math.floor(10 / INSTANCES))) } : {}),
    },
    nodeArgs: [`--import=${root}/dist/bench/profiler-hook.js`],
  });
  const allUrls = () => SERVICE_NAMES.flatMap((sv) => Array.from({ length: INSTANCES }, (_, k) => system.url(sv, k)));
  const routerUrls = () => Array.from({ length: INSTANCES }, (_, k) => system.url('payment-router', k));
  const scraper = new Scraper(allUrls);
  if (TELEMETRY) scraper.start();
  const routerDb = `${TEST_POSTGRES_URL}/${DB_PREFIX}${TEST_NAMESPACE}payment_router`;
  feed = await CompletionFeed.open(routerDb);
  phase('preparing wallets, organizations, invoices');
  await prepare();

  phase('warm-up');
  await closedLoop(8, 1, QUICK ? 2 : 4);

  const sweep = [];
  for (const c of LEVELS) {
    phase(`sweep: concurrency ${c}`);
    const r = await closedLoop(c, 2, LEVEL_SECONDS);
    sweep.push(r);
    say(
      `\rconcurrency ${String(c).padStart(3)}: ${r.throughput} payments/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, CPU ${r.cpu.totalMsPerPayment} ms/payment`,
    );
  }
  const peak = sweep.reduce((a, b) => (b.throughput > a.throughput ? b : a));
  const knee = sweep.find((r) => r.throughput >= 0.9 * peak.throughput)!;

  phase(`peak: concurrency ${peak.concurrency}, with top`);
  let top = '';
  const sustained = await closedLoop(peak.concurrency, 2, PEAK_SECONDS, async () => {
    await sleep(2000);
    top = await topSnapshot();
  });
  say(`\rsustained at concurrency ${peak.concurrency}: ${sustained.throughput} payments/s over ${PEAK_SECONDS} s`);

  const rates = [];
  for (const rate of RATES) {
    phase(`open loop: ${rate} payments/s`);
    const r = await openLoop(rate, RATE_SECONDS);
    rates.push(r);
    say(
      `\r${rate} payments/s: p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms, p99 ${r.latencyMs.p99} ms (completed ${r.completed}/${r.payments})`,
    );
  }

  phase('correctness: mixed payments at 100/s');
  let inv = 0;
  const totalsBefore = await paymentTotals(routerUrls());
  const mixedRun = await openLoop(100, QUICK ? 3 : 5, () => {
    const k = Math.random();
    if (k < 0.15) return { phone: pick(wallets), service: 'SOCHI', account: UNKNOWN_INN, amount: amount() };
    // Each invoice twice: once paid, once refunded as already paid.
    if (k < 0.3 && inv < invoices.length * 2)
      return { phone: pick(wallets), service: 'ECP', account: invoices[inv++ % invoices.length], amount: '25.00' };
    return sochiPayment();
  });
  // The router's counters against the bench's own count of the same payments (counted after each commit).
  await sleep(500);
  const totalsAfter = await paymentTotals(routerUrls());
  const counted = Object.fromEntries(
    Object.entries(totalsAfter).map(([k, v]) => [k, v - totalsBefore[k as keyof typeof totalsBefore]]),
  );
  const own = {
    requested: mixedRun.payments,
    completed: mixedRun.byStage.COMPLETED ?? 0,
    rejected: mixedRun.byStage.REJECTED ?? 0,
    refunded: mixedRun.byStage.REFUNDED ?? 0,
  };
  const mixed = {
    ...mixedRun,
    metrics: { counted, own, agree: Object.entries(own).every(([k, v]) => counted[k] === v) },
  };
  say(
    `\rmixed run: bench counted ${JSON.stringify(own)}, /metrics counted ${JSON.stringify(counted)}: ${mixed.metrics.agree ? 'they agree' : 'THEY DIFFER'}`,
  );

  phase(`profiling every service at concurrency ${peak.concurrency}`);
  await signalProfilers();
  const profiled = await closedLoop(peak.concurrency, 1, QUICK ? 5 : 8);
  await signalProfilers();
  await sleep(1500);
  const profiles: Record<string, ProfileSummary> = {};
  for (const f of readdirSync(PROFILE_DIR))
    profiles[f.replace(/\.cpuprofile$/, '')] = summarizeProfile(`${PROFILE_DIR}/${f}`);

  // Telemetry's cost: the same closed loop with tracing and scraping on, then with the services restarted without them.
  type Loop = Awaited<ReturnType<typeof closedLoop>>;
  let overhead:
    | {
        concurrency: number;
        seconds: number;
        on: Loop;
        off: Loop;
        onAgain: Loop;
        spansExported: number;
        scrapes: number;
      }
    | undefined;
  if (TELEMETRY && !SKIP_OVERHEAD) {
    const seconds = LEVEL_SECONDS * 2;
    phase(`overhead: telemetry on, concurrency ${peak.concurrency}`);
    const spansBefore = sink.received;
    const on = await closedLoop(peak.concurrency, 3, seconds);
    const spansExported = sink.received - spansBefore;
    const restartAll = async (env: Record<string, string>) => {
      for (const sv of SERVICE_NAMES)
        for (let k = 0; k < INSTANCES; k++) {
          await system.kill(sv, 'SIGTERM', k);
          await system.startService(sv, k, env);
        }
    };
    phase('overhead: restarting the services without telemetry');
    scraper.stop();
    await restartAll({ OTEL_SDK_DISABLED: 'true' });
    phase(`overhead: telemetry off, concurrency ${peak.concurrency}`);
    const off = await closedLoop(peak.concurrency, 3, seconds);
    // On once more, freshly restarted like the off run: the machine's load drifts, and a restart has its own cost.
    phase('overhead: restarting the services with telemetry');
    await restartAll({});
    scraper.start();
    phase(`overhead: telemetry on again, concurrency ${peak.concurrency}`);
    const onAgain = await closedLoop(peak.concurrency, 3, seconds);
    overhead = { concurrency: peak.concurrency, seconds, on, off, onAgain, spansExported, scrapes: scraper.scrapes };
    say(
      `\rtelemetry on: ${on.throughput} payments/s, ${on.cpu.totalMsPerPayment} CPU ms/payment (${round(spansExported / Math.max(1, on.completed), 1)} spans/payment); off: ${off.throughput} payments/s, ${off.cpu.totalMsPerPayment} CPU ms/payment; on again: ${onAgain.throughput} payments/s, ${onAgain.cpu.totalMsPerPayment} CPU ms/payment`,
    );
  }
  scraper.stop();
  await sink.close();

  phase('checking invariants');
  await sleep(1000);
  const invariants = await checkInvariants((s) => system.db(s), { toppedUp });
  const parked = await parkedCounts();
  const payments = invariants.payments;
  await feed.close();
  await system.stop();

  let reference:
    { pgbench: PgbenchResult[]; pgbenchWithNotify?: PgbenchResult; baseline: BaselineResult[] } | undefined;
  if (!SKIP_REFERENCE) {
    phase('reference: pgbench payment.sql');
    const scratch = await createScratch(TEST_POSTGRES_URL, `${DB_PREFIX}${TEST_NAMESPACE}pgbench`, root, WALLETS, ORGS);
    const vars = { wallets: WALLETS, orgs: ORGS, notify: 0 };
    const runs: PgbenchResult[] = [];
    for (const c of [8, 16, 32]) {
      runs.push(await pgbench(scratch, `${root}/bench/pgbench/payment.sql`, c, REF_SECONDS, vars));
      say(`\rpgbench -c ${c}: ${round(runs.at(-1)!.tps)} payments/s`);
    }
    const best = runs.reduce((a, b) => (b.tps > a.tps ? b : a));
    const withNotify = await pgbench(scratch, `${root}/bench/pgbench/payment.sql`, best.clients, REF_SECONDS, {
      ...vars,
      notify: 1,
    });
    say(`\rpgbench -c ${best.clients} with pg_notify in each outbox transaction: ${round(withNotify.tps)} payments/s`);
    phase('reference: single-transaction baseline');
    const base: BaselineResult[] = [];
    for (const c of [8, 16, 32]) {
      base.push(await baseline(root, scratch, c, REF_SECONDS, WALLETS, ORGS));
      say(`\rsingle transaction, ${c} connections: ${round(base.at(-1)!.tps)} payments/s`);
    }
    reference = { pgbench: runs, pgbenchWithNotify: withNotify, baseline: base };
    await admin.query(`DROP DATABASE IF EXISTS ${DB_PREFIX}${TEST_NAMESPACE}pgbench WITH (FORCE)`);
  }
  await admin.end();
  clearInterval(ticker);
  if (process.stdout.isTTY) process.stdout.write('\r\x1b[2K');

  const pgbenchLimit = reference ? Math.max(...reference.pgbench.map((r) => r.tps)) : undefined;
  const baselineTps = reference ? Math.max(...reference.baseline.map((r) => r.tps)) : undefined;
  const ours = Math.max(peak.throughput, sustained.throughput);
  const result = {
    command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    at: new Date().toISOString(),
    commit,
    instances: INSTANCES,
    machine,
    versions,
    postgresSettings: pgSettings,
    workload: {
      wallets: WALLETS,
      organizations: ORGS,
      payments: 'СОЧИ top-ups of 1.00–9.99 som from random wallets to random organizations',
      completion:
        'the at of the final payment_steps row (router DB, its transaction time) minus the request start; read by one query every 10 ms, no GET polling',
      mixedCheck: '15% unknown INN (refunded), 15% ЭЦП invoices (each paid once, a second payment refunded), rest СОЧИ',
      paymentsMade: payments,
    },
    sweep,
    knee: { concurrency: knee.concurrency, throughput: knee.throughput },
    peak: { concurrency: peak.concurrency, throughput: peak.throughput },
    sustained,
    rates,
    mixed,
    overhead,
    profiled: { concurrency: profiled.concurrency, throughput: profiled.throughput },
    top,
    profiles,
    reference: reference && {
      ...reference,
      pgbenchLimit: round(pgbenchLimit!),
      baseline: reference.baseline,
      baselineTps: round(baselineTps!),
    },
    ratios: reference && {
      ofPgbenchLimit: round(ours / pgbenchLimit!, 2),
      ofSingleTransaction: round(ours / baselineTps!, 3),
    },
    errors,
    errorSamples,
    invariants: {
      ...summarize(invariants),
      byStatus: invariants.byStatus,
      money: Object.fromEntries(Object.entries(invariants.money).map(([k, v]) => [k, v.toString()])),
    },
    parked,
    targets: {
      throughputAtLeastHalfOfPgbench: pgbenchLimit ? ours >= pgbenchLimit / 2 : undefined,
      p99Under100msAt100PerSecond: (rates.find((r) => r.rate === 100)?.latencyMs.p99 ?? Infinity) < 100,
    },
  };
  mkdirSync(`${root}/bench/results`, { recursive: true });
  writeFileSync(`${root}/bench/results/${outName}`, `${JSON.stringify(result, null, 2)}\n`);
  updateDoc(result);
  rmSync(PROFILE_DIR, { recursive: true, force: true });

  say('');
  say(renderTable(result));
  say(`\nwritten bench/results/${outName} and docs/performance.md`);
  const bad =
    (mixed.metrics.agree ? 0 : 1) +
    errors +
    result.invariants.lost +
    result.invariants.duplicated +
    result.invariants.unexpected +
    Object.values(parked).reduce((a, b) => a + b, 0);
  if (bad > 0) {
    say(
      `NOT CLEAN: errors ${errors}, invariants ${JSON.stringify(result.invariants)}, parked ${JSON.stringify(parked)}`,
    );
    process.exitCode = 1;
  }
}

// ---------------------------------------------------------------------------------------------------------- reporting
type Result = any;

function renderTable(r: Result): string {
  const lines: string[] = [];
  const cpuCols = [
    'payment-router',
    'wallet',
    'sochi-balance',
    'ecp-invoicing',
    'postgres backends',
    'postgres wal/bg writers',
    'rabbitmq (beam.smp)',
    'bench driver',
    'postgres: bench feed',
  ];
  lines.push(
    `Measured ${r.at.slice(0, 16).replace('T', ' ')} UTC, commit ${r.commit}, ${r.instances} instance(s) of every service, \`${r.command}\`.`,
  );
  lines.push('');
  lines.push('**Concurrency sweep** (closed loop: each client pays, waits for COMPLETED, pays again)');
  lines.push('');
  lines.push(
    '| clients | payments/s | p50 ms | p95 ms | p99 ms | POST 202 p50 ms | CPU ms/payment (services + PostgreSQL + RabbitMQ) |',
  );
  lines.push('|---:|---:|---:|---:|---:|---:|---:|');
  for (const s of r.sweep) {
    const mark =
      s.concurrency === r.knee.concurrency ? ' (knee)' : s.concurrency === r.peak.concurrency ? ' (peak)' : '';
    lines.push(
      `| ${s.concurrency}${mark} | ${s.throughput} | ${s.latencyMs.p50} | ${s.latencyMs.p95} | ${s.latencyMs.p99} | ${s.latencyMs.http202p50} | ${s.cpu.totalMsPerPayment} |`,
    );
  }
  lines.push(
    `| ${r.sustained.concurrency}, ${PEAK_SECONDS} s sustained | **${r.sustained.throughput}** | ${r.sustained.latencyMs.p50} | ${r.sustained.latencyMs.p95} | ${r.sustained.latencyMs.p99} | ${r.sustained.latencyMs.http202p50} | ${r.sustained.cpu.totalMsPerPayment} |`,
  );
  lines.push('');
  lines.push('**Fixed rates** (open loop, latency from the scheduled request time to COMPLETED)');
  lines.push('');
  lines.push('| rate /s | payments | completed/s | p50 ms | p95 ms | p99 ms | max ms | CPU ms/payment |');
  lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const x of r.rates) {
    lines.push(
      `| ${x.rate} | ${x.completed}/${x.payments} | ${x.achievedPerSecond} | ${x.latencyMs.p50} | ${x.latencyMs.p95} | **${x.latencyMs.p99}** | ${x.latencyMs.max} | ${x.cpu.totalMsPerPayment} |`,
    );
  }
  lines.push('');
  lines.push(`**CPU per payment, by process** (ms of CPU time per completed payment; % of one core in brackets)`);
  lines.push('');
  lines.push(`| phase | ${cpuCols.join(' | ')} | other processes on the machine |`);
  lines.push(`|---|${cpuCols.map(() => '---:').join('|')}|---:|`);
  const row = (name: string, c: Result) =>
    `| ${name} | ${cpuCols.map((g) => `${c.msPerPayment[g] ?? '–'} (${c.percentOfOneCore[g] ?? 0}%)`).join(' | ')} | ${c.otherProcessesPercentOfOneCore}% |`;
  lines.push(row(`peak, ${r.sustained.concurrency} clients`, r.sustained.cpu));
  for (const x of r.rates) lines.push(row(`${x.rate}/s`, x.cpu));
  lines.push('');
  if (r.reference) {
    lines.push('**References, same run, same PostgreSQL**');
    lines.push('');
    lines.push('| | payments/s | ours as a share |');
    lines.push('|---|---:|---:|');
    lines.push(
      `| pgbench, bench/pgbench/payment.sql (best of -c ${r.reference.pgbench.map((p: PgbenchResult) => p.clients).join('/')}) | ${r.reference.pgbenchLimit} | **${r.ratios.ofPgbenchLimit}** |`,
    );
    lines.push(
      `| the same with pg_notify() in each outbox transaction (-c ${r.reference.pgbenchWithNotify.clients}) | ${round(r.reference.pgbenchWithNotify.tps)} | |`,
    );
    lines.push(
      `| single-transaction baseline, one Node process (best of ${r.reference.baseline.map((b: BaselineResult) => b.clients).join('/')} connections) | ${r.reference.baselineTps} | **${r.ratios.ofSingleTransaction}** |`,
    );
    lines.push('');
  }
  if (r.overhead) {
    const o = r.overhead;
    lines.push(
      `**Telemetry overhead** (closed loop, ${o.concurrency} clients, ${o.seconds} s each, in this order; on: spans exported over OTLP, every /metrics scraped every 5 s; off: the services restarted with OTEL_SDK_DISABLED and not scraped; on again: restarted with both)`,
    );
    lines.push('');
    lines.push('| telemetry | payments/s | p50 ms | p99 ms | CPU ms/payment | of which the four services |');
    lines.push('|---|---:|---:|---:|---:|---:|');
    const services = (c: Result) =>
      round(
        ['payment-router', 'wallet', 'sochi-balance', 'ecp-invoicing'].reduce(
          (a, g) => a + (c.msPerPayment[g] ?? 0),
          0,
        ),
        2,
      );
    lines.push(
      `| on | ${o.on.throughput} | ${o.on.latencyMs.p50} | ${o.on.latencyMs.p99} | ${o.on.cpu.totalMsPerPayment} | ${services(o.on.cpu)} |`,
    );
    lines.push(
      `| off | ${o.off.throughput} | ${o.off.latencyMs.p50} | ${o.off.latencyMs.p99} | ${o.off.cpu.totalMsPerPayment} | ${services(o.off.cpu)} |`,
    );
    lines.push(
      `| on again | ${o.onAgain.throughput} | ${o.onAgain.latencyMs.p50} | ${o.onAgain.latencyMs.p99} | ${o.onAgain.cpu.totalMsPerPayment} | ${services(o.onAgain.cpu)} |`,
    );
    lines.push('');
    lines.push(
      `Spans exported while on: ${o.spansExported} (${round(o.spansExported / Math.max(1, o.on.completed), 1)} per payment); scrapes over the run: ${o.scrapes}.`,
    );
    lines.push('');
  }
  if (r.mixed.metrics) {
    lines.push(
      `Mixed run counted by the bench ${JSON.stringify(r.mixed.metrics.own)}, by the router's /metrics ${JSON.stringify(r.mixed.metrics.counted)}: **${r.mixed.metrics.agree ? 'they agree' : 'they differ'}**.`,
    );
    lines.push('');
  }
  lines.push(
    `Errors: **${r.errors}**. Mixed correctness run (${r.mixed.completed}/${r.mixed.payments} final: ${JSON.stringify(r.mixed.byStage)}); invariants after the run: lost ${r.invariants.lost}, duplicated ${r.invariants.duplicated}, unexpected ${r.invariants.unexpected}; money: top-ups ${r.invariants.money.toppedUp} = wallets ${r.invariants.money.walletBalances} + СОЧИ ${r.invariants.money.sochiBalances} + charges ${r.invariants.money.sochiCharges} + invoices ${r.invariants.money.paidInvoices} tyiyn (difference ${r.invariants.money.difference}); parked messages: ${Object.values(r.parked as Record<string, number>).reduce((a, b) => a + b, 0)}.`,
  );
  return lines.join('\n');
}

function renderProfiles(r: Result): string {
  const lines: string[] = [];
  const entries = Object.entries(r.profiles as Record<string, ProfileSummary>).sort(
    (a, b) => b[1].busyShare - a[1].busyShare,
  );
  lines.push(`\`top\` during the sustained peak (${r.sustained.concurrency} clients):`);
  lines.push('');
  lines.push('```');
  lines.push(r.top);
  lines.push('```');
  lines.push('');
  lines.push(
    `V8 CPU profiles of every service, ${r.profiled.concurrency} clients (${r.profiled.throughput} payments/s while profiling): busy share and where the busy time goes.`,
  );
  lines.push('');
  lines.push('| process | busy | top areas of busy time |');
  lines.push('|---|---:|---|');
  for (const [name, p] of entries) {
    lines.push(
      `| ${name} | ${Math.round(p.busyShare * 100)}% | ${p.byArea
        .slice(0, 8)
        .map((a) => `${a.area} ${Math.round(a.share * 100)}%`)
        .join(', ')} |`,
    );
  }
  const [hottest, hp] = entries[0] ?? [];
  if (hp) {
    lines.push('');
    lines.push(`Hottest functions (self time) in ${hottest}:`);
    lines.push('');
    lines.push('| share | function | area |');
    lines.push('|---:|---|---|');
    for (const f of hp.topFunctions.slice(0, 15))
      lines.push(`| ${(f.share * 100).toFixed(1)}% | \`${f.fn.replace(/\|/g, '/')}\` | ${f.area} |`);
  }
  return lines.join('\n');
}

function updateDoc(r: Result): void {
  const file = `${root}/docs/performance.md`;
  const tag = `instances=${r.instances}`;
  const section = [
    `<!-- bench:${tag}:begin (generated by npm run bench; do not edit by hand) -->`,
    `Machine: ${r.machine.cpu}, ${r.machine.memoryGiB} GiB, Linux ${r.machine.kernel}, load average before the run ${r.machine.loadAverageBefore.join(' / ')}. ` +
      `Node ${r.machine.node}, PostgreSQL ${r.versions.postgres} (fsync ${r.postgresSettings.fsync}, synchronous_commit ${r.postgresSettings.synchronous_commit}, ${r.postgresSettings.wal_sync_method}), ` +
      `RabbitMQ ${r.versions.rabbitmq}, NestJS ${r.versions.nestjs}, TypeORM ${r.versions.typeorm}, pg ${r.versions.pg}, amqplib ${r.versions.amqplib}.`,
    '',
    renderTable(r),
    '',
    ...(r.instances === 1 ? [renderProfiles(r), ''] : []),
    `<!-- bench:${tag}:end -->`,
  ].join('\n');
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Performance\n';
  const re = new RegExp(`<!-- bench:${tag}:begin[\\s\\S]*?<!-- bench:${tag}:end -->`);
  doc = re.test(doc) ? doc.replace(re, section) : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, doc);
}

main().catch(async (e) => {
  clearInterval(ticker);
  process.stdout.write(`\nbenchmark failed: ${(e as Error).stack ?? e}\n`);
  await system?.stop().catch(() => undefined);
  process.exit(1);
});
