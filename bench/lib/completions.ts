import pg from 'pg';

export interface Completion {
  stage: 'COMPLETED' | 'REJECTED' | 'REFUNDED';
  /**
   * When the payment became final, epoch ms: the commit time of the router's final transaction when the server has
   * track_commit_timestamp on, else that transaction's start (its now(), the `at` column) — earlier by the commit's cost.
   */
  at: number;
}

const FINAL = `('COMPLETED', 'REJECTED', 'REFUNDED')`;
const LOOK_BACK = 60;

/** Which clock ends a payment's latency: the final transaction's commit, or its start (the `at` column). */
export type CompletionClock = 'commit timestamp' | 'transaction start (at)';

/** commit time when the server tracks it (a row of payment_steps is inserted once, so its xmin is that transaction). */
export async function completionClock(client: pg.ClientBase): Promise<CompletionClock> {
  const { rows } = await client.query(`SHOW track_commit_timestamp`);
  return rows[0].track_commit_timestamp === 'on' ? 'commit timestamp' : 'transaction start (at)';
}

/**
 * Learns when payments become final without polling GET /v1/payments: one connection to the router's database reads
 * the final rows of payment_steps every 10 ms (by primary key, with a look-back because ids are taken before
 * commit), and a slower sweep asks for any payment still awaited after a second. One cheap query instead of one GET per
 * payment per poll.
 *
 * Both queries are shaped so that only the indexes by id and by payment can serve them. Written plainly
 * (`WHERE id > $1 AND stage IN (…)`), a table the autovacuum has not analyzed yet — every bench run starts one — is
 * planned on the partial index of final steps, and each poll read every final row so far: 10–50 ms a poll, up to 40 %
 * of a core taken from the system it measures (2026-11-30, docs/performance.md). Both are also prepared once with a
 * generic plan: planned without statistics, the poll took 3 ms to plan and 0.2 ms to run, 100 times a second.
 */
export class CompletionFeed {
  private readonly waiting = new Map<string, { since: number; resolve: (c: Completion) => void }>();
  private readonly early = new Map<string, Completion>();
  private watermark = 0;
  private timer?: NodeJS.Timeout;
  private sweeping?: NodeJS.Timeout;
  private busy = false;
  queries = 0;
  /** The feed's own backend, so its CPU is not counted as the services' database work. */
  backendPid = 0;
  clock: CompletionClock = 'transaction start (at)';

  private constructor(
    private readonly client: pg.Client,
    private readonly intervalMs: number,
    /** SQL for the epoch ms a payment_steps row became final. */
    private readonly finalAt: string,
  ) {}

  static async open(connectionString: string, intervalMs = 10): Promise<CompletionFeed> {
    const client = new pg.Client({ connectionString });
    await client.connect();
    // The generic plans are made at the first poll, when payment_steps is nearly empty, and kept for the whole run: a
    // sequential scan chosen then would read the whole table on every sweep later (2026-11-30: 2 789 scans, 13 million
    // rows in one 100/s level). Only the indexes by id and by payment may serve them.
    await client.query(`SET plan_cache_mode = force_generic_plan; SET enable_seqscan = off`);
    const clock = await completionClock(client);
    const finalAt =
      clock === 'commit timestamp'
        ? `(extract(epoch FROM coalesce(pg_xact_commit_timestamp(xmin), at)) * 1000)::float8`
        : `(extract(epoch FROM at) * 1000)::float8`;
    const feed = new CompletionFeed(client, intervalMs, finalAt);
    feed.clock = clock;
    feed.backendPid = Number((await client.query(`SELECT pg_backend_pid() AS pid`)).rows[0].pid);
    feed.watermark = Number((await client.query(`SELECT coalesce(max(id), 0) AS id FROM payment_steps`)).rows[0].id);
    feed.timer = setInterval(() => void feed.poll(), intervalMs);
    feed.sweeping = setInterval(() => void feed.sweep(), 500);
    return feed;
  }

  /** Resolves when the payment is final. */
  wait(paymentId: string): Promise<Completion> {
    const known = this.early.get(paymentId);
    if (known) {
      this.early.delete(paymentId);
      return Promise.resolve(known);
    }
    return new Promise((resolve) => this.waiting.set(paymentId, { since: Date.now(), resolve }));
  }

  get pending(): number {
    return this.waiting.size;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    clearInterval(this.sweeping);
    await this.client.end().catch(() => undefined);
  }

  private deliver(id: string, c: Completion): void {
    const w = this.waiting.get(id);
    if (w) {
      this.waiting.delete(id);
      w.resolve(c);
    } else if (this.early.size < 100_000) {
      this.early.set(id, c); // final before the 202 reached the caller
    }
  }

  private async poll(): Promise<void> {
    if (this.busy || this.waiting.size === 0) return;
    this.busy = true;
    try {
      this.queries++;
      // Ids are drawn before commit, so a row may become visible after a higher one: look back a little. The steps
      // are read in id order (the primary key) and only then filtered to the final ones.
      const { rows } = await this.client.query({
        name: 'completion-feed-poll',
        text: `SELECT coalesce(max(id), 0) AS max,
                coalesce(json_agg(json_build_array(payment_id, stage, ${this.finalAt})) FILTER (WHERE stage IN ${FINAL}),
                         '[]') AS finals
           FROM (SELECT id, payment_id, stage, at, xmin FROM payment_steps WHERE id > $1 ORDER BY id LIMIT 10000) recent`,
        values: [Math.max(0, this.watermark - LOOK_BACK)],
      });
      for (const [id, stage, at] of rows[0].finals as [string, Completion['stage'], number][]) {
        if (this.waiting.has(id)) this.deliver(id, { stage, at });
      }
      this.watermark = Math.max(this.watermark, Number(rows[0].max));
    } catch {
      // the database is briefly away: next tick
    } finally {
      this.busy = false;
    }
  }

  private async sweep(): Promise<void> {
    const old = [...this.waiting].filter(([, w]) => Date.now() - w.since > 1000).map(([id]) => id);
    // One connection: the sweep waits its turn behind the poll (pg queues it, but warns of a query in flight).
    if (old.length === 0 || this.busy) return;
    this.busy = true;
    try {
      // Each awaited payment's steps by the index by payment (OFFSET 0 keeps the stage filter out of that scan).
      const { rows } = await this.client.query({
        name: 'completion-feed-sweep',
        text: `SELECT s.payment_id, s.stage, ${this.finalAt} AS at
           FROM unnest($1::uuid[]) AS awaited (id)
           CROSS JOIN LATERAL (SELECT payment_id, stage, at, xmin FROM payment_steps
                                WHERE payment_id = awaited.id OFFSET 0) s
          WHERE s.stage IN ${FINAL}`,
        values: [old],
      });
      for (const r of rows) this.deliver(r.payment_id, { stage: r.stage, at: r.at });
    } catch {
      // next sweep
    } finally {
      this.busy = false;
    }
  }
}
