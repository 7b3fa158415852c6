import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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

/** PostgreSQL processes: the backends serving databases that match `like`, and the server's background writers. */
export async function postgresGroups(admin: pg.Client, like: string): Promise<Map<string, number[]>> {
  const { rows } = await admin.query(
    `SELECT pid, datname, backend_type FROM pg_stat_activity WHERE pid <> pg_backend_pid()`,
  );
  const ours = rows.filter((r) => r.datname && String(r.datname).startsWith(like)).map((r) => r.pid);
  const background = rows
    .filter((r) => ['walwriter', 'checkpointer', 'background writer', 'autovacuum launcher'].includes(r.backend_type))
    .map((r) => r.pid);
  return new Map([
    ['postgres backends', ours],
    ['postgres wal/bg writers', background],
  ]);
}
