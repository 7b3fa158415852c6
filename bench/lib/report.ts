import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Correctness } from './correctness.js';
import { BENCH_GROUPS } from './cpu.js';
import type { BrokerRoundTrip, DiskFlush } from './host.js';
import {
  capacity,
  CAPACITY_P99_MS,
  OBSERVE_MODES,
  TARGETS,
  type Level,
  type Observed,
  type TargetName,
} from './phases.js';
import type { PgbenchResult } from './reference.js';
import { median, round } from './stats.js';

export interface Repetition {
  index: number;
  levels: Partial<Record<TargetName, Level[]>>;
  observed: Observed[];
}

export interface BenchResult {
  command: string;
  at: string;
  commit: string;
  instances: number;
  machine: { cpu: string; memoryGiB: number; kernel: string; node: string; loadAverageBefore: number[] };
  versions: Record<string, string>;
  postgresSettings: Record<string, string>;
  /** What ends a payment's latency; 'transaction start (at)' until the server runs with track_commit_timestamp on. */
  completionClock: string;
  settings: { warmupSeconds: number; measureSeconds: number; overloadP99Ms: number; rates: number[] };
  repetitions: Repetition[];
  headline: Headline[];
  targets: TargetCheck[];
  host: { diskFlush?: DiskFlush; broker?: BrokerRoundTrip };
  pgbench?: PgbenchResult[];
  correctness?: Correctness;
  errors: number;
  errorSamples: string[];
  durationSeconds: number;
}

export interface Headline {
  repetition: number;
  capacity: Partial<Record<TargetName, number | null>>;
  p99At100: number | null;
  p99At300: number | null;
  cpuMsPerPaymentAt100: number | null;
  cpuByProcessAt100: Record<string, number>;
  /** The partner holds the final state: the faster of callback and long-poll at 100/s (null: neither exists yet). */
  partnerP99At100: number | null;
  pollingP99At100: number | null;
}

export interface TargetCheck {
  target: string;
  perRepetition: (number | null)[];
  median: number | null;
  bound: string;
  met: boolean;
}

const at = (levels: Level[] | undefined, rate: number) => levels?.find((l) => l.rate === rate);

export function headlineOf(rep: Repetition): Headline {
  const sys = rep.levels.system;
  const l100 = at(sys, 100);
  const l300 = at(sys, 300);
  const observedP99 = (mode: string) =>
    rep.observed.find((o) => o.rate === 100 && o.mode === mode && o.supported)?.latencyMs?.p99 ?? null;
  const partner = [observedP99('callback'), observedP99('long-poll')].filter((x): x is number => x !== null);
  return {
    repetition: rep.index,
    capacity: Object.fromEntries(
      (Object.entries(rep.levels) as [TargetName, Level[]][]).map(([t, ls]) => [t, capacity(ls) ?? null]),
    ),
    // A level the sweep never reached (it stopped below) or did not complete counts as not met.
    p99At100: l100 && l100.completedShare >= 0.99 ? l100.latencyMs.p99 : null,
    p99At300: l300 && l300.completedShare >= 0.99 ? l300.latencyMs.p99 : null,
    cpuMsPerPaymentAt100: l100?.cpu.totalMsPerPayment ?? null,
    cpuByProcessAt100: l100
      ? Object.fromEntries(Object.entries(l100.cpu.msPerPayment).filter(([g]) => !BENCH_GROUPS.has(g)))
      : {},
    partnerP99At100: partner.length ? Math.min(...partner) : null,
    pollingP99At100: observedP99('polling 50 ms'),
  };
}

/**
 * Met when the median meets the bound and so do 2 of 3 repetitions (the only one, when there is one). A figure the
 * run could not give (the sweep stopped below the rate, a way the router does not have yet) counts as `worst`.
 */
function check(
  target: string,
  values: (number | null)[],
  bound: string,
  ok: (x: number) => boolean,
  worst: number,
): TargetCheck {
  const m = median(values.map((v) => v ?? worst));
  const passes = values.filter((v) => v !== null && ok(v)).length;
  const med = Number.isFinite(m) ? round(m, 2) : null;
  return {
    target,
    perRepetition: values,
    median: med,
    bound,
    met: med !== null && ok(med) && passes >= Math.ceil((2 * values.length) / 3),
  };
}

export function targetsOf(headline: Headline[]): TargetCheck[] {
  const ratio = (h: Headline, ref: TargetName) => {
    const sys = h.capacity.system ?? 0;
    const r = h.capacity[ref];
    return r ? round(sys / r, 3) : null;
  };
  return [
    check(
      'capacity ÷ R1 capacity',
      headline.map((h) => ratio(h, 'R1')),
      '≥ 0.5',
      (x) => x >= 0.5,
      0,
    ),
    check(
      'capacity ÷ R2 capacity',
      headline.map((h) => ratio(h, 'R2')),
      '≥ 1.0',
      (x) => x >= 1,
      0,
    ),
    check(
      'p99 request→final at 100/s, ms',
      headline.map((h) => h.p99At100),
      '≤ 100',
      (x) => x <= 100,
      Infinity,
    ),
    check(
      'p99 request→final at 300/s, ms',
      headline.map((h) => h.p99At300),
      '≤ 150',
      (x) => x <= 150,
      Infinity,
    ),
    check(
      'CPU ms per payment at 100/s',
      headline.map((h) => h.cpuMsPerPaymentAt100),
      '≤ 6',
      (x) => x <= 6,
      Infinity,
    ),
    check(
      'partner holds the final state (callback or long-poll), p99 at 100/s, ms',
      headline.map((h) => h.partnerP99At100),
      '≤ 150',
      (x) => x <= 150,
      Infinity,
    ),
  ];
}

const show = (x: number | null | undefined, unit = '') => (x === null || x === undefined ? 'n/a' : `${x}${unit}`);

/** The per-rate median over the repetitions, for the plots and the median table. */
export function medianLevels(reps: Repetition[], target: TargetName): Level[] {
  const rates = [...new Set(reps.flatMap((r) => (r.levels[target] ?? []).map((l) => l.rate)))].sort((a, b) => a - b);
  return rates.map((rate) => {
    const ls = reps.map((r) => at(r.levels[target], rate)).filter((l): l is Level => l !== undefined);
    const pick = [...ls].sort((a, b) => a.latencyMs.p99 - b.latencyMs.p99)[Math.floor((ls.length - 1) / 2)];
    return pick;
  });
}

export function renderReport(r: BenchResult): string {
  const lines: string[] = [];
  const push = (...ls: string[]) => lines.push(...ls);
  push(
    `Measured ${r.at.slice(0, 16).replace('T', ' ')} UTC, commit ${r.commit}, ${r.instances} instance(s) of every service, ` +
      `\`${r.command}\`, ${r.repetitions.length} repetition(s), ${r.settings.warmupSeconds} s warm-up + ` +
      `${r.settings.measureSeconds} s measured per level, ${Math.round(r.durationSeconds / 60)} min in all.`,
    '',
    `Latency ends at: **${r.completionClock}**` +
      (r.completionClock.startsWith('commit')
        ? ' (track_commit_timestamp on).'
        : ' — the server runs with track_commit_timestamp off; `ALTER SYSTEM SET track_commit_timestamp = on` and a' +
          " PostgreSQL restart make the bench use each final transaction's commit time."),
    '',
    '**Headline** (capacity: the highest offered rate completed at ≥ 99 % with p99 ≤ ' +
      `${CAPACITY_P99_MS} ms; "n/a": the sweep stopped below that rate)`,
    '',
    '| repetition | capacity system /s | R1 /s | R2 /s | p99 at 100/s ms | p99 at 300/s ms | CPU ms/payment at 100/s | partner final p99 at 100/s ms | 50 ms polling p99 at 100/s ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const h of r.headline)
    push(
      `| ${h.repetition} | ${show(h.capacity.system)} | ${show(h.capacity.R1)} | ${show(h.capacity.R2)} | ${show(h.p99At100)} | ${show(h.p99At300)} | ${show(h.cpuMsPerPaymentAt100)} | ${show(h.partnerP99At100)} | ${show(h.pollingP99At100)} |`,
    );
  push('', '**Targets** (issue #13; a figure is met when the median and 2 of 3 repetitions meet it)', '');
  push('| target | bound | per repetition | median | |', '|---|---|---|---:|---|');
  for (const t of r.targets)
    push(
      `| ${t.target} | ${t.bound} | ${t.perRepetition.map((v) => show(v)).join(' / ')} | ${show(t.median)} | **${t.met ? 'met' : 'not met'}** |`,
    );
  for (const target of Object.keys(TARGETS) as TargetName[]) {
    const levels = medianLevels(r.repetitions, target);
    if (levels.length === 0) continue;
    push(
      '',
      `**${TARGETS[target]}**, open loop${r.repetitions.length > 1 ? ' (the repetition with the median p99 at each rate)' : ''}`,
      '',
      '| offered /s | completed | achieved /s | p50 ms | p95 ms | p99 ms | max ms | CPU ms/payment |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const l of levels)
      push(
        `| ${l.rate}${l.overloaded ? ' (overloaded)' : ''} | ${l.completed}/${l.offered} | ${l.achievedPerSecond} | ${l.latencyMs.p50} | ${l.latencyMs.p95} | **${l.latencyMs.p99}** | ${l.latencyMs.max} | ${l.cpu.totalMsPerPayment} |`,
      );
  }
  const sys = medianLevels(r.repetitions, 'system');
  if (sys.length) {
    const groups = [...new Set(sys.flatMap((l) => Object.keys(l.cpu.msPerPayment)))];
    push('', '**CPU per payment of the system, by process** (ms per payment; % of one core in brackets)', '');
    push(
      `| offered /s | ${groups.join(' | ')} | other processes |`,
      `|---:|${groups.map(() => '---:').join('|')}|---:|`,
    );
    for (const l of sys)
      push(
        `| ${l.rate} | ${groups.map((g) => `${l.cpu.msPerPayment[g] ?? '–'} (${l.cpu.percentOfOneCore[g] ?? 0}%)`).join(' | ')} | ${l.cpu.otherProcessesPercentOfOneCore}% |`,
      );
  }
  push('', '**Client-observed** (POST → the client holds the final state; "n/a": the router has no such way yet)', '');
  push('| repetition | rate /s | ' + OBSERVE_MODES.map((m) => `${m} p50 / p99 ms`).join(' | ') + ' |');
  push(`|---|---:|${OBSERVE_MODES.map(() => '---:').join('|')}|`);
  for (const rep of r.repetitions)
    for (const rate of [...new Set(rep.observed.map((o) => o.rate))])
      push(
        `| ${rep.index} | ${rate} | ${OBSERVE_MODES.map((m) => {
          const o = rep.observed.find((x) => x.rate === rate && x.mode === m);
          return o?.supported && o.latencyMs
            ? `${o.latencyMs.p50} / **${o.latencyMs.p99}** (${round((o.completedShare ?? 0) * 100, 1)} %)`
            : 'n/a';
        }).join(' | ')} |`,
      );
  push('', '**This machine**', '');
  push(
    `- Disk flush (pg_test_fsync -s 1, fdatasync): ${r.host.diskFlush ? `\`${r.host.diskFlush.line}\`` : 'not measured'}.`,
    `- Broker round trip (one persistent message, publish with confirm → delivery, median of ${r.host.broker?.messages ?? 0}): ` +
      (r.host.broker
        ? `classic queue ${r.host.broker.classicMs} ms, quorum queue ${r.host.broker.quorumMs} ms.`
        : 'not measured.'),
  );
  if (r.pgbench?.length)
    push(
      `- Diagnostic, pgbench running one payment's database work as the services do it (bench/pgbench/payment.sql): ` +
        r.pgbench.map((p) => `${round(p.tps)} payments/s at -c ${p.clients}`).join(', ') +
        '.',
    );
  const c = r.correctness;
  if (c)
    push(
      '',
      `**Correctness** (mixed load at ${c.rate}/s for ${c.seconds} s: ${c.faults.join(', ') || 'no faults'}${c.brokerRestarted ? '' : '; RabbitMQ not restarted (--broker-restart is on with --full)'}): ` +
        `${c.final}/${c.payments} final; the invariant checker over every payment of the run's databases, the sweeps' included, ${JSON.stringify(c.byStatus)}: lost ${c.lost}, duplicated ${c.duplicated}, unexpected ${c.unexpected}; ` +
        `money ${c.moneyConserved ? 'conserved' : `NOT conserved (${c.money.difference} tyiyn)`}; parked ${Object.values(c.parked).reduce((a, b) => a + b, 0)}: **${c.clean ? 'clean' : 'NOT CLEAN'}**.`,
    );
  push(
    '',
    `Errors seen by the load generator: **${r.errors}**${r.errorSamples.length ? ` (${r.errorSamples.slice(0, 3).join('; ')})` : ''}.`,
  );
  return lines.join('\n');
}

/** Rewrites the generated section of docs/performance.md (between the bench: markers of this instance count). */
export function updateDoc(file: string, r: BenchResult, plots: string[]): void {
  const tag = `instances=${r.instances}`;
  const section = [
    `<!-- bench:${tag}:begin (generated by npm run bench; do not edit by hand) -->`,
    `Machine: ${r.machine.cpu}, ${r.machine.memoryGiB} GiB, Linux ${r.machine.kernel}, load average before the run ${r.machine.loadAverageBefore.join(' / ')}. ` +
      `Node ${r.machine.node}, PostgreSQL ${r.versions.postgres} (fsync ${r.postgresSettings.fsync}, synchronous_commit ${r.postgresSettings.synchronous_commit}, ${r.postgresSettings.wal_sync_method}, track_commit_timestamp ${r.postgresSettings.track_commit_timestamp}, autovacuum ${r.postgresSettings.autovacuum ?? 'not recorded'}), ` +
      `RabbitMQ ${r.versions.rabbitmq} (scheduler busy-wait ${r.versions.rabbitmqSchedulerBusyWait ?? 'not recorded'}), NestJS ${r.versions.nestjs}, pg ${r.versions.pg}, amqplib ${r.versions.amqplib}.`,
    '',
    renderReport(r),
    '',
    ...plots.map((p) => `![${p}](${p})`),
    '',
    `<!-- bench:${tag}:end -->`,
  ].join('\n');
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Performance\n';
  const re = new RegExp(`<!-- bench:${tag}:begin[\\s\\S]*?<!-- bench:${tag}:end -->`);
  doc = re.test(doc) ? doc.replace(re, () => section) : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, doc);
}
