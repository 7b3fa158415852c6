import pg from 'pg';
import { SERVICE_NAMES } from '../../test/support/system.js';
import type { CallbackReceiver } from './callbacks.js';
import { CpuSampler, cpuReport, findProcesses, postgresGroups, type CpuReport, type CpuWindow } from './cpu.js';
import type { Monolith } from './monolith.js';
import { openLoop, summarizeLevel, type LevelSummary, type OpenLoopRun, type Pay } from './open-loop.js';
import { baselineOpenLoop } from './reference.js';
import { latency, type Latency } from './stats.js';
import type { SystemDriver } from './system-target.js';
import { ORGS, sochiPayment, WALLETS } from './workload.js';

export type TargetName = 'system' | 'R1' | 'R2';
export const TARGETS: Record<TargetName, string> = {
  system: 'the system (four services, RabbitMQ)',
  R1: 'R1 single-transaction baseline (bench/baseline.ts)',
  R2: 'R2 fair monolith (bench/monolith/)',
};

export interface Level extends LevelSummary {
  cpu: CpuReport;
}

export interface LevelSettings {
  warmupSeconds: number;
  measureSeconds: number;
  drainMs: number;
  overloadP99Ms: number;
}

/** The latency bound of the headline capacity: the highest rate completed at ≥ 99 % with p99 within it. */
export const CAPACITY_P99_MS = 150;

export function capacity(levels: Level[]): number | undefined {
  const ok = levels.filter((l) => l.completedShare >= 0.99 && l.latencyMs.p99 <= CAPACITY_P99_MS).map((l) => l.rate);
  return ok.length ? Math.max(...ok) : undefined;
}

/** Rates in order until the first overloaded level (kept: it shows where the target broke). */
export async function sweep(
  rates: number[],
  level: (rate: number) => Promise<Level>,
  say: (line: string) => void,
  name: TargetName,
): Promise<Level[]> {
  const levels: Level[] = [];
  for (const rate of rates) {
    const l = await level(rate);
    levels.push(l);
    say(
      `${name} ${rate}/s: completed ${l.completed}/${l.offered}, p50 ${l.latencyMs.p50} ms, p99 ${l.latencyMs.p99} ms, ` +
        `CPU ${l.cpu.totalMsPerPayment} ms/payment${l.overloaded ? ' — overloaded, stopping' : ''}`,
    );
    if (l.overloaded) break;
  }
  return levels;
}

async function measured(
  pay: Pay,
  rate: number,
  s: LevelSettings,
  sampler: CpuSampler,
): Promise<{ run: OpenLoopRun; cpu: CpuWindow }> {
  let cpu: CpuWindow | undefined;
  const run = await openLoop(pay, rate, s.warmupSeconds, s.measureSeconds, s.drainMs, {
    onMeasure: () => sampler.start(),
    onSent: async () => void (cpu = await sampler.stop()),
  });
  return { run, cpu: cpu! };
}

const level = (run: OpenLoopRun, cpu: CpuWindow, s: LevelSettings): Level => ({
  ...summarizeLevel(run, s.overloadP99Ms),
  cpu: cpuReport(cpu, run.offered),
});

/** The system at one rate: latency from the scheduled request to the commit of the payment's final transaction. */
export function systemLevel(driver: SystemDriver, admin: pg.Client, systemDb: (db: string) => boolean) {
  const beam = findProcesses('beam.smp');
  const sampler = new CpuSampler(async () => {
    const groups = await postgresGroups(admin, systemDb);
    const feedPid = driver.feed.backendPid;
    groups.set(
      'postgres backends',
      groups.get('postgres backends')!.filter((pid) => pid !== feedPid),
    );
    groups.set('postgres: bench feed', [feedPid]);
    for (const sv of SERVICE_NAMES)
      groups.set(
        sv,
        Array.from({ length: driver.system.instances }, (_, k) => driver.system.pid(sv, k)).filter(
          (p): p is number => p !== undefined,
        ),
      );
    groups.set('rabbitmq (beam.smp)', beam);
    return groups;
  });
  return async (rate: number, s: LevelSettings): Promise<Level> => {
    const pay: Pay = async () => (await driver.payAndTrack(sochiPayment()))?.at;
    const { run, cpu } = await measured(pay, rate, s, sampler);
    await driver.drain();
    return level(run, cpu, s);
  };
}

/** R1 at one rate: the baseline process pays on schedule; its CPU is load generation and the work together. */
export function r1Level(root: string, scratchUrl: string, admin: pg.Client, scratchDb: string) {
  let pid = 0;
  const sampler = new CpuSampler(async () => {
    const groups = await postgresGroups(admin, (db) => db === scratchDb);
    groups.set('baseline process (load + work)', pid ? [pid] : []);
    return groups;
  });
  return async (rate: number, s: LevelSettings): Promise<Level> => {
    let cpu: CpuWindow | undefined;
    const run = await baselineOpenLoop(
      root,
      scratchUrl,
      { clients: 16, rate, warmupSeconds: s.warmupSeconds, measureSeconds: s.measureSeconds, drainMs: s.drainMs },
      WALLETS,
      ORGS,
      {
        started: (p) => (pid = p),
        onMeasure: () => sampler.start(),
        onSent: async () => void (cpu = await sampler.stop()),
      },
    );
    return level(run, cpu!, s);
  };
}

/** R2 at one rate: latency from the scheduled request to the monolith's answer, which it gives once committed. */
export function r2Level(monolith: Monolith, admin: pg.Client, monolithDb: string, post: (url: string) => Pay) {
  const sampler = new CpuSampler(async () => {
    const groups = await postgresGroups(admin, (db) => db === monolithDb);
    groups.set('monolith', [monolith.pid]);
    return groups;
  });
  return async (rate: number, s: LevelSettings): Promise<Level> => {
    const { run, cpu } = await measured(post(monolith.url), rate, s, sampler);
    return level(run, cpu, s);
  };
}

export type ObserveMode = 'callback' | 'long-poll' | 'polling 50 ms';
export const OBSERVE_MODES: ObserveMode[] = ['callback', 'long-poll', 'polling 50 ms'];

export interface Observed {
  mode: ObserveMode;
  rate: number;
  /** False when the router has no such way (400 to ?wait, or no callback within 5 s): the report shows n/a. */
  supported: boolean;
  completedShare?: number;
  /** ms from the scheduled POST to when the client held the final state. */
  latencyMs?: Latency;
}

/** The system at one rate as MegaPay sees it: POST, then learn the final state by callback, long-poll or polling. */
export async function observedLevel(
  driver: SystemDriver,
  receiver: CallbackReceiver,
  mode: ObserveMode,
  rate: number,
  s: LevelSettings,
): Promise<Observed> {
  const learn = async (id: string): Promise<number | undefined | 'unsupported'> => {
    if (mode === 'polling 50 ms') return driver.pollUntilFinal(id);
    if (mode === 'long-poll') return driver.longPollUntilFinal(id);
    return receiver.wait(id, 30_000);
  };
  // A probe first: a router without the long-poll answers 400, one without callbacks sends none.
  const probe = await driver.post(sochiPayment());
  if (!probe) return { mode, rate, supported: false };
  const probed = mode === 'callback' ? await receiver.wait(probe.body.id, 5000) : await learn(probe.body.id);
  if (probed === undefined || probed === 'unsupported') return { mode, rate, supported: false };
  let unsupported = false;
  const pay: Pay = async () => {
    const res = await driver.post(sochiPayment());
    if (!res) return undefined;
    const seen = await learn(res.body.id);
    if (seen === 'unsupported') unsupported = true;
    return typeof seen === 'number' ? seen : undefined;
  };
  const run = await openLoop(pay, rate, s.warmupSeconds, s.measureSeconds, s.drainMs);
  await driver.drain();
  if (unsupported) return { mode, rate, supported: false };
  return {
    mode,
    rate,
    supported: true,
    completedShare: run.offered ? Math.round((run.completed / run.offered) * 10_000) / 10_000 : 0,
    latencyMs: latency(run.latencies),
  };
}
