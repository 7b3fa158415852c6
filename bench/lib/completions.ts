import pg from 'pg';

export interface Completion {
  stage: 'COMPLETED' | 'REJECTED' | 'REFUNDED';
  /** When the router's final transaction ran (its now()), epoch ms: the moment the payment became final. */
  at: number;
}

const FINAL = `('COMPLETED', 'REJECTED', 'REFUNDED')`;
const LOOK_BACK = 60;

/**
 * Learns when payments become final without polling GET /v1/payments: one connection to the router's database reads
 * the final rows of payment_steps every 10 ms (by primary key, with a look-back because ids are taken before
 * commit), and a slower sweep asks for any payment still awaited after a second. One cheap query instead of one GET per
 * payment per poll.
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

  private constructor(
    private readonly client: pg.Client,
    private readonly intervalMs: number,
  ) {}

  static async open(connectionString: string, intervalMs = 10): Promise<CompletionFeed> {
    const client = new pg.Client({ connectionString });
    await client.connect();
    const feed = new CompletionFeed(client, intervalMs);
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
      // Ids are drawn before commit, so a row may become visible after a higher one: look back a little.
      const { rows } = await this.client.query(
        `SELECT (SELECT coalesce(max(id), 0) FROM payment_steps) AS max,
                coalesce(json_agg(json_build_array(payment_id, stage, extract(epoch FROM at) * 1000)), '[]') AS finals
           FROM payment_steps WHERE id > $1 AND stage IN ${FINAL}`,
        [Math.max(0, this.watermark - LOOK_BACK)],
      );
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
    if (old.length === 0) return;
    try {
      const { rows } = await this.client.query(
        `SELECT payment_id, stage, (extract(epoch FROM at) * 1000)::float8 AS at FROM payment_steps WHERE payment_id = ANY($1::uuid[]) AND stage IN ${FINAL}`,
        [old],
      );
      for (const r of rows) this.deliver(r.payment_id, { stage: r.stage, at: r.at });
    } catch {
      // next sweep
    }
  }
}
