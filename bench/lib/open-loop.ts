import { latency, round, sleep, type Latency } from './stats.js';

/** Pays once, due at `due` (epoch ms); resolves with the epoch ms it became final (its commit), or undefined on failure. */
export type Pay = (due: number) => Promise<number | undefined>;

export interface OpenLoopRun {
  rate: number;
  /** Payments due in the measured window (the warm-up's are not counted). */
  offered: number;
  completed: number;
  /** Final after the drain deadline, or failed: both count against the 99 %. */
  notCompleted: number;
  /** ms from when each measured payment was due to when it became final. */
  latencies: number[];
  measureSeconds: number;
  /** Completed payments per second from the first measured due time to the last completion. */
  achievedPerSecond: number;
}

export interface OpenLoopHooks {
  /** The first measured payment is due now (start the CPU sampler). */
  onMeasure?: () => void | Promise<void>;
  /** The last measured payment has been sent (stop the CPU sampler). */
  onSent?: () => void | Promise<void>;
}

/**
 * Open loop: payments are sent on schedule whatever the answers, and latency counts from the scheduled time, so
 * queueing in the generator is not hidden. A warm-up at the same rate comes first; waits at most `drainMs` after the
 * last send, and what is not final by then is not completed.
 */
export async function openLoop(
  pay: Pay,
  rate: number,
  warmupSeconds: number,
  measureSeconds: number,
  drainMs: number,
  hooks: OpenLoopHooks = {},
): Promise<OpenLoopRun> {
  const warm = Math.round(rate * warmupSeconds);
  const measured = Math.round(rate * measureSeconds);
  const t0 = Date.now() + 20;
  const pending: Promise<{ due: number; final: number | undefined }>[] = [];
  for (let i = 0; i < warm + measured; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 1) await sleep(wait);
    if (i === warm) await hooks.onMeasure?.();
    const paid = pay(due).then(
      (final) => ({ due, final }),
      () => ({ due, final: undefined }),
    );
    if (i >= warm) pending.push(paid);
  }
  await hooks.onSent?.();
  const deadline = Date.now() + drainMs;
  const settled = await Promise.all(
    pending.map((p) =>
      Promise.race([p, sleep(Math.max(0, deadline - Date.now())).then(() => ({ due: 0, final: undefined }))]),
    ),
  );
  const done = settled.filter((s): s is { due: number; final: number } => s.final !== undefined);
  const firstDue = t0 + (warm * 1000) / rate;
  const lastFinal = Math.max(firstDue + 1, ...done.map((s) => s.final));
  return {
    rate,
    offered: measured,
    completed: done.length,
    notCompleted: measured - done.length,
    latencies: done.map((s) => s.final - s.due),
    measureSeconds,
    achievedPerSecond: round(done.length / ((lastFinal - firstDue) / 1000)),
  };
}

export interface LevelSummary {
  rate: number;
  offered: number;
  completed: number;
  completedShare: number;
  achievedPerSecond: number;
  latencyMs: Latency;
  overloaded: boolean;
}

/** A level is overloaded when fewer than 99 % of its payments complete, or its p99 passes the cap. */
export function summarizeLevel(run: OpenLoopRun, overloadP99Ms: number): LevelSummary {
  const latencyMs = latency(run.latencies);
  const completedShare = run.offered ? run.completed / run.offered : 0;
  return {
    rate: run.rate,
    offered: run.offered,
    completed: run.completed,
    completedShare: round(completedShare, 4),
    achievedPerSecond: run.achievedPerSecond,
    latencyMs,
    overloaded: completedShare < 0.99 || !(latencyMs.p99 <= overloadP99Ms),
  };
}
