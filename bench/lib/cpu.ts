import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import pg from 'pg';

const TICK = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

/** utime + stime of a process, in seconds; undefined once it is gone. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICK;
  } catch {
    return undefined;
  }
}

/** Busy CPU seconds of the whole machine (all cores), from /proc/stat. */
function machineSeconds(): number {
  const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = f.map(Number);
  return (user + nice + system + irq + softirq + (steal || 0)) / TICK;
}

export function findProcesses(comm: string): number[] {
  const pids: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() === comm) pids.push(Number(d));
    } catch {
      // gone
    }
  }
  return pids;
}

export type Groups = () => Promise<Map<string, number[]>>;

/**
 * CPU seconds per group of processes over a phase. Groups are re-read every half second, so PostgreSQL backends that
 * connect during the phase are counted from their start; one that exits between samples loses at most half a second.
 */
export class CpuSampler {
  private first = new Map<number, number>();
  private last = new Map<number, number>();
  private groupOf = new Map<number, string>();
  private timer?: NodeJS.Timeout;
  private startedAt = 0;
  private machineStart = 0;
  private selfStart = process.cpuUsage();

  constructor(private readonly groups: Groups) {}

  async start(): Promise<void> {
    this.first.clear();
    this.last.clear();
    this.groupOf.clear();
    this.startedAt = Date.now();
    this.machineStart = machineSeconds();
    this.selfStart = process.cpuUsage();
    await this.sample(true);
    this.timer = setInterval(() => void this.sample(false), 500);
  }

  async stop(): Promise<{ seconds: number; byGroup: Record<string, number>; machineBusy: number }> {
    clearInterval(this.timer);
    await this.sample(false);
    const byGroup: Record<string, number> = {};
    for (const [pid, end] of this.last) {
      const g = this.groupOf.get(pid)!;
      byGroup[g] = (byGroup[g] ?? 0) + (end - (this.first.get(pid) ?? 0));
    }
    const self = process.cpuUsage(this.selfStart);
    byGroup['bench driver'] = (self.user + self.system) / 1e6;
    return {
      seconds: (Date.now() - this.startedAt) / 1000,
      byGroup,
      machineBusy: machineSeconds() - this.machineStart,
    };
  }

  private async sample(initial: boolean): Promise<void> {
    let groups: Map<string, number[]>;
    try {
      groups = await this.groups();
    } catch {
      return;
    }
    for (const [group, pids] of groups) {
      for (const pid of pids) {
        const s = cpuSeconds(pid);
        if (s === undefined) continue;
        if (!this.groupOf.has(pid)) {
          this.groupOf.set(pid, group);
          // Seen at the start: count from now. Seen later: it started during the phase, count all of it.
          this.first.set(pid, initial ? s : 0);
        }
        this.last.set(pid, s);
      }
    }
  }
}

/**
 * PostgreSQL processes: the backends serving the databases `ours` picks (a predicate, or a name prefix), and the
 * server's background writers.
 */
export async function postgresGroups(
  admin: pg.Client,
  ours: string | ((database: string) => boolean),
): Promise<Map<string, number[]>> {
  const picks = typeof ours === 'string' ? (db: string) => db.startsWith(ours) : ours;
  const { rows } = await admin.query(
    `SELECT pid, datname, backend_type FROM pg_stat_activity WHERE pid <> pg_backend_pid()`,
  );
  const backends = rows.filter((r) => r.datname && picks(String(r.datname))).map((r) => r.pid);
  const background = rows
    .filter((r) => ['walwriter', 'checkpointer', 'background writer', 'autovacuum launcher'].includes(r.backend_type))
    .map((r) => r.pid);
  return new Map([
    ['postgres backends', backends],
    ['postgres wal/bg writers', background],
  ]);
}

export type CpuWindow = Awaited<ReturnType<CpuSampler['stop']>>;

export interface CpuReport {
  /** ms of CPU per payment, by group of processes. */
  msPerPayment: Record<string, number>;
  percentOfOneCore: Record<string, number>;
  /** The measured system's processes (the load generator excluded): ms of CPU per payment. */
  totalMsPerPayment: number;
  machineBusyPercent: number;
  /** Everything else on this shared machine, in % of one core. */
  otherProcessesPercentOfOneCore: number;
}

/** The load generator's own processes: reported, but not counted as the measured system's CPU per payment. */
export const BENCH_GROUPS = new Set(['bench driver', 'postgres: bench feed']);

export function cpuReport(cpu: CpuWindow, payments: number): CpuReport {
  const r = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
  const msPerPayment: Record<string, number> = {};
  const percentOfOneCore: Record<string, number> = {};
  let measured = 0;
  let all = 0;
  for (const [g, s] of Object.entries(cpu.byGroup)) {
    msPerPayment[g] = payments ? r((s / payments) * 1000, 3) : NaN;
    percentOfOneCore[g] = r((s / cpu.seconds) * 100, 0);
    all += s;
    if (!BENCH_GROUPS.has(g)) measured += s;
  }
  return {
    msPerPayment,
    percentOfOneCore,
    totalMsPerPayment: payments ? r((measured / payments) * 1000, 2) : NaN,
    machineBusyPercent: r((cpu.machineBusy / cpu.seconds / cpus().length) * 100, 0),
    otherProcessesPercentOfOneCore: r(((cpu.machineBusy - all) / cpu.seconds) * 100, 0),
  };
}
