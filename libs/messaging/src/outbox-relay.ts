import type { ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, Message } from 'amqplib';
import pg from 'pg';
import { EVENTS_EXCHANGE, findEvent } from '#contracts';
import type { BrokerConnection } from './broker-connection.js';
import { tracePublish } from './message-tracing.js';
import { OUTBOX_NOTIFY_CHANNEL } from './messaging-schema.js';
import type { CommittedOutboxRow, Outbox, OutboxCommit } from './outbox.js';

export interface OutboxRelayOptions {
  databaseUrl: string;
  /** Start-up parameters of every connection the relay opens: statement_timeout, lock_timeout, … (milliseconds). */
  session?: Pick<pg.ClientConfig, 'statement_timeout' | 'lock_timeout' | 'idle_in_transaction_session_timeout'>;
  batchSize?: number;
  /** Polling interval: commits wake the relay at once, polling covers rows nobody told it about. */
  pollIntervalMs?: number;
  /** How long to wait for the broker's confirms before giving the batch back. */
  confirmTimeoutMs?: number;
  /** Rows returned as unroutable this many times are left for staff and no longer retried. */
  maxAttempts?: number;
  /**
   * Batches in flight at once, each in its own transaction on its own connection. While one batch waits for the
   * broker's confirms (milliseconds on a quorum queue), the next is already claimed and published.
   */
  concurrency?: number;
  /**
   * This process's outbox: the rows its transactions commit are published right after the COMMIT, from memory,
   * without NOTIFY and without a claim (`OutboxRelay.committed`).
   */
  outbox?: Outbox;
  /**
   * Rows younger than this (milliseconds since they were written) are left to the process that committed them, which
   * publishes them itself; the relay's poll takes only older ones, so the two do not publish the same rows as a rule.
   */
  graceMs?: number;
  /**
   * How long the "published" mark of a flush waits to ride with the COMMIT of this process's next transaction that
   * writes to the outbox (`CommitRiders`) before the relay commits it by itself.
   */
  markRideMs?: number;
  logger: { log(msg: string): void; warn(msg: string): void; error(msg: string): void };
}

/** What marking a published message needs to know of it. */
type SentMessage = Pick<CommittedOutboxRow, 'messageId' | 'routingKey' | 'type' | 'version'>;

interface OutboxRow {
  id: string;
  message_id: string;
  type: string;
  version: number;
  routing_key: string;
  envelope: Record<string, unknown> & {
    correlationId: string;
    causationId: string | null;
    producer: string;
    occurredAt: string;
  };
  traceparent: string | null;
}

/**
 * Publishes committed outbox rows to RabbitMQ. Rows are claimed with FOR UPDATE SKIP LOCKED, so several batches and
 * several instances share the work without double publishing in the normal case; a row is marked published only after
 * the broker confirmed it, so a crash at any point republishes (consumers deduplicate by message id).
 */
export class OutboxRelay {
  private readonly pool: pg.Pool;
  private listener?: pg.Client;
  private relisten?: NodeJS.Timeout;
  private channel?: ChannelWrapper;
  private readonly returned = new Set<string>();
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** Set by every wake: a running batch loop claims once more after it, so no commit is left behind. */
  private wanted = false;
  private readonly active = new Set<Promise<void>>();
  /** Loops between BEGIN and the end of their claim. */
  private claiming = 0;
  private unsubscribe?: () => void;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly confirmTimeoutMs: number;
  private readonly maxAttempts: number;
  private readonly concurrency: number;
  private readonly graceMs: number;
  private readonly markRideMs: number;
  /** Set by a wake that wants even the youngest rows (NOTIFY from other writers, rows only the relay can find). */
  private urgent = false;
  /** In-process flushes, one at a time: commits arriving while one is under way go in the next. */
  private readonly flushes = new Batches<CommittedOutboxRow>((rows) => this.publishCommitted(rows));
  /** Marks of confirmed flushes, one at a time, each taking every flush confirmed meanwhile. */
  private readonly marks = new Batches<CommittedOutboxRow>(async (rows) => {
    const statements = this.markingStatements(rows);
    const rode =
      this.options.outbox !== undefined &&
      statements.length > 0 &&
      (await this.options.outbox.riders.ride(statements.join(';\n'), this.markRideMs));
    if (!rode) await this.markConfirmed(rows, statements);
    for (const r of rows) this.inFlight.delete(r.messageId);
  });
  /** Message ids this process publishes from memory and has not marked yet: the relay never claims them. */
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly broker: BrokerConnection,
    private readonly options: OutboxRelayOptions,
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.pool = new pg.Pool({ connectionString: options.databaseUrl, max: this.concurrency, ...options.session });
    this.pool.on('error', (e) => options.logger.warn(`outbox relay pool: ${e.message}`));
    // pg-pool listens for errors only on idle clients. A client checked out by a batch when the server goes away
    // (a restart) emits 'error' too, and an unheard 'error' event ends the process; the batch's query rejects with
    // the same error and is retried, so here it is only heard.
    this.pool.on('connect', (client) => client.on('error', () => undefined));
    this.batchSize = options.batchSize ?? 200;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.confirmTimeoutMs = options.confirmTimeoutMs ?? 10_000;
    this.maxAttempts = options.maxAttempts ?? 10;
    this.graceMs = options.graceMs ?? 2000;
    // Well inside the grace: a mark that waits for a carrier must land before another instance's poll would claim the row.
    this.markRideMs = Math.min(options.markRideMs ?? 100, this.graceMs / 4);
  }

  async start(): Promise<void> {
    this.channel = this.broker.channel('outbox-relay', async (ch: ConfirmChannel) => {
      ch.on('return', (msg: Message) => {
        if (msg.properties.messageId) this.returned.add(String(msg.properties.messageId));
      });
    });
    // Rows committed while the broker was away are published as soon as the channel is (re)established.
    this.channel.on('connect', () => this.wake());
    this.unsubscribe = this.options.outbox?.onCommitted((commit) => this.committed(commit));
    await this.listen();
    this.timer = setInterval(() => this.wake(), this.pollIntervalMs);
    this.wake();
  }

  /** Publishes everything pending now, the youngest rows too; resolves when the outbox is drained (tests, shutdown). */
  async flush(): Promise<void> {
    await this.settleInProcess();
    this.wake(true);
    while (this.active.size > 0) await Promise.allSettled([...this.active]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    if (this.relisten) clearTimeout(this.relisten);
    await this.settleInProcess();
    while (this.active.size > 0) await Promise.allSettled([...this.active]);
    await this.listener?.end().catch(() => undefined);
    await this.channel?.close().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }

  /**
   * LISTENs for rows committed by other writers (tools, tests, plain pg clients). The connection is re-established
   * after any loss — an error, or the server ending it (a restart) — and polling covers the gap meanwhile.
   */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.options.databaseUrl, ...this.options.session });
    let lost = false;
    const onLost = (why: string) => {
      if (lost) return;
      lost = true;
      if (this.listener === client) this.listener = undefined;
      client.end().catch(() => undefined);
      if (this.stopped) return;
      this.options.logger.warn(`outbox relay LISTEN connection lost (${why}); polling until it is back`);
      this.relisten = setTimeout(() => void this.listen(), 1000);
    };
    // NOTIFY comes from writers outside the platform (tools, tests), which publish nothing themselves.
    client.on('notification', () => this.wake(true));
    client.on('error', (e) => onLost(e.message));
    client.on('end', () => onLost('connection ended'));
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_NOTIFY_CHANNEL}`);
      if (lost) return;
      this.listener = client;
      // Rows may have been committed while nobody listened.
      this.wake();
    } catch (e) {
      onLost(`cannot LISTEN yet: ${(e as Error).message}`);
    }
  }

  /**
   * Told by this process's outbox that a transaction committed: its rows are published at once, from memory. A flush
   * under way is not waited for by the broker's round trip of a later commit: rows committed meanwhile are queued and
   * go together in the next flush (one publish round, one mark for many commits). Rows the outbox could not list
   * (written inside a savepoint) are for the relay, woken at once.
   */
  committed(commit: OutboxCommit): void {
    if (commit.unlisted) this.wake(true);
    if (commit.rows.length === 0 || this.stopped) return;
    for (const row of commit.rows) this.inFlight.add(row.messageId);
    this.flushes.add(commit.rows);
  }

  /**
   * Publishes one flush and waits for the broker's confirms; the mark then runs beside the next flush (one mark at a
   * time, taking every flush confirmed meanwhile). A flush that
   * fails (no broker, no confirm in time) leaves its rows unmarked: the relay's poll publishes them after the grace.
   */
  private async publishCommitted(rows: CommittedOutboxRow[]): Promise<void> {
    const channel = this.channel;
    try {
      if (!channel || !this.broker.isConnected()) throw new Error('not connected to the broker');
      await this.withTimeout(
        Promise.all(
          rows.map((r) =>
            this.send(channel, r.messageId, r.routingKey, r.type, r.version, r.body, r.envelope, r.traceparent),
          ),
        ),
      );
    } catch (e) {
      for (const r of rows) this.inFlight.delete(r.messageId);
      this.options.logger.warn(
        `outbox publisher: ${rows.length} committed message(s) not published (${(e as Error).message}); the relay will`,
      );
      return;
    }
    this.marks.add(rows);
  }

  /**
   * Marks a confirmed flush published in a transaction of its own — when no transaction of the process came to carry
   * the mark (an idle moment, the last commit of a burst) — without waiting for its WAL flush: a mark lost in a crash
   * leaves the rows unpublished in the outbox, so the relay publishes them again, and the consumers' inboxes absorb the
   * second copy (docs/messaging.md). A failed mark likewise.
   */
  private async markConfirmed(rows: CommittedOutboxRow[], statements: string[]): Promise<void> {
    if (statements.length === 0) return;
    let client: pg.PoolClient | undefined;
    try {
      client = await this.pool.connect();
      await client.query(['BEGIN', 'SET LOCAL synchronous_commit = off', ...statements, 'COMMIT'].join(';\n'));
      client.release();
    } catch (e) {
      if (client) {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release(e as Error);
      }
      this.options.logger.warn(`outbox publisher: marking ${rows.length} published failed: ${(e as Error).message}`);
    }
  }

  /** Waits until every row committed so far in this process was published from memory (or given up to the relay). */
  private async settleInProcess(): Promise<void> {
    while (this.flushes.running || this.marks.running)
      await Promise.allSettled([this.flushes.running, this.marks.running]);
  }

  /**
   * Something may be waiting to be published. A loop that is claiming right now may or may not see it, so the flag
   * makes it claim once more; a new loop starts only when nobody is claiming (while the others wait for confirms).
   * `urgent`: the claim takes rows younger than the grace period too.
   */
  private wake(urgent = false): void {
    if (this.stopped) return;
    this.wanted = true;
    if (urgent) this.urgent = true;
    if (this.claiming === 0) this.spawn();
  }

  private spawn(): void {
    if (this.stopped || this.active.size >= this.concurrency) return;
    const loop = this.drain().finally(() => this.active.delete(loop));
    this.active.add(loop);
  }

  /**
   * Claims and publishes batches until one comes back short and nobody asked for more meanwhile, on one connection.
   * Each batch is a transaction that holds its rows (FOR UPDATE) until the broker confirmed them. When another batch
   * follows, marking this one published, its COMMIT, and the next BEGIN and claim go in one round trip.
   */
  private async drain(): Promise<void> {
    const channel = this.channel;
    if (!channel || !this.broker.isConnected()) return;
    let client: pg.PoolClient | undefined;
    /** Statements that end the previous batch (mark published, COMMIT), sent ahead of the next claim. */
    let ending: string[] = [];
    try {
      this.claiming++;
      try {
        client = await this.pool.connect();
      } finally {
        this.claiming--;
      }
      for (;;) {
        this.wanted = false;
        this.claiming++;
        let rows: OutboxRow[];
        try {
          rows = await this.claim(client, ending);
        } finally {
          this.claiming--;
        }
        ending = [];
        if (rows.length === 0) {
          // Something committed during this claim may not have been visible to it: look once more.
          if (this.wanted && !this.stopped) {
            ending = ['COMMIT'];
            continue;
          }
          await client.query('COMMIT');
          break;
        }
        // Claimed: rows committed during the claim are for another loop, which can run while this one publishes.
        if (this.wanted) this.spawn();
        await this.withTimeout(
          Promise.all(
            rows.map((r) =>
              this.send(
                channel,
                r.message_id,
                r.routing_key,
                r.type,
                r.version,
                JSON.stringify(r.envelope),
                r.envelope,
                r.traceparent,
              ),
            ),
          ),
        );
        ending = [
          ...this.markingStatements(rows.map((r) => ({ messageId: r.message_id, routingKey: r.routing_key, ...r }))),
          'COMMIT',
        ];
        if (this.stopped || !this.broker.isConnected() || (rows.length < this.batchSize && !this.wanted)) {
          await client.query(ending.join(';\n'));
          break;
        }
      }
      client.release();
    } catch (e) {
      if (client) {
        await client.query('ROLLBACK').catch(() => undefined);
        // A connection that failed mid-transaction is not given back to the pool for reuse.
        client.release(e as Error);
      }
      this.options.logger.warn(`outbox relay: ${(e as Error).message}; will retry`);
    }
  }

  /**
   * BEGIN and the claim in one round trip (simple protocol; every value is ours), after whatever ends the previous
   * batch. The claim walks the partial index in id order: a plain index scan marks the entries of rows published since
   * the last VACUUM as dead, so the next claim skips them. The planner would otherwise pick a bitmap scan, which never
   * marks them and so re-reads every published row on every claim until VACUUM comes (milliseconds per claim).
   */
  private async claim(client: pg.PoolClient, ending: string[]): Promise<OutboxRow[]> {
    const urgent = this.urgent;
    this.urgent = false;
    // Young rows belong to the in-process publisher of whichever process committed them; this process's own are
    // excluded by id whatever their age (a transaction that took longer than the grace).
    const young = urgent ? '' : `AND created_at < now() - interval '${Number(this.graceMs)} milliseconds'`;
    const mine = this.inFlight.size > 0 ? `AND message_id <> ALL(${uuidArray([...this.inFlight])})` : '';
    const results = (await client.query(
      [
        ...ending,
        'BEGIN',
        'SET LOCAL enable_bitmapscan = off',
        'SET LOCAL enable_seqscan = off',
        `SELECT id, message_id, type, version, routing_key, envelope, traceparent FROM outbox
          WHERE published_at IS NULL AND attempts < ${Number(this.maxAttempts)} ${young} ${mine}
          ORDER BY id LIMIT ${Number(this.batchSize)} FOR UPDATE SKIP LOCKED`,
      ].join(';\n'),
    )) as unknown as pg.QueryResult<OutboxRow>[];
    return results[results.length - 1].rows;
  }

  /** The statements that record a confirmed batch: published, or — returned unroutable by the broker — one more attempt. */
  private markingStatements(rows: SentMessage[]): string[] {
    // An event no service consumes yet (a pure integration point) is expected to come back unroutable.
    const unroutable = rows.filter(
      (r) => this.returned.delete(r.messageId) && (findEvent(r.type, r.version)?.consumers.length ?? 1) > 0,
    );
    const published = rows.filter((r) => !unroutable.includes(r));
    const ids = (list: SentMessage[]) => uuidArray(list.map((r) => r.messageId));
    const statements = [];
    if (published.length > 0)
      statements.push(
        `UPDATE outbox SET published_at = now() WHERE message_id = ANY(${ids(published)}) AND published_at IS NULL`,
      );
    if (unroutable.length > 0) {
      statements.push(
        `UPDATE outbox SET attempts = attempts + 1, last_error = 'unroutable: no queue bound'
          WHERE message_id = ANY(${ids(unroutable)})`,
      );
      this.options.logger.error(
        `outbox relay: ${unroutable.length} message(s) unroutable: ${unroutable.map((r) => r.routingKey).join(', ')}`,
      );
    }
    return statements;
  }

  /** Publishes one message (persistent, mandatory) in a span continuing its writer's trace; resolves on confirm. */
  private send(
    channel: ChannelWrapper,
    messageId: string,
    routingKey: string,
    type: string,
    version: number,
    body: string,
    env: OutboxRow['envelope'] & { payload?: unknown },
    traceparent: string | null,
  ): Promise<unknown> {
    const tracing = tracePublish(traceparent, routingKey, messageId, env.payload);
    const published = channel.publish(EVENTS_EXCHANGE, routingKey, Buffer.from(body), {
      persistent: true,
      mandatory: true,
      contentType: 'application/json',
      messageId,
      type,
      correlationId: env.correlationId,
      appId: env.producer,
      userId: this.broker.userId,
      timestamp: Math.floor(Date.parse(env.occurredAt) / 1000),
      headers: { version, causationId: env.causationId, ...tracing.headers },
    });
    published.then(
      () => tracing.end(),
      (e: unknown) => tracing.end(e),
    );
    return published;
  }

  private async withTimeout<T>(p: Promise<T>): Promise<T> {
    let t: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      t = setTimeout(
        () => reject(new Error(`no broker confirm within ${this.confirmTimeoutMs} ms`)),
        this.confirmTimeoutMs,
      );
    });
    try {
      return await Promise.race([p, timeout]);
    } finally {
      clearTimeout(t);
    }
  }
}

/** Work done on queued items in batches, one batch at a time: items added while one runs form the next. */
class Batches<T> {
  private waiting: T[] = [];
  /** The batch under way, if any. */
  running?: Promise<void>;

  constructor(private readonly work: (items: T[]) => Promise<void>) {}

  add(items: T[]): void {
    this.waiting.push(...items);
    if (this.running) return;
    this.running = (async () => {
      while (this.waiting.length > 0) {
        const batch = this.waiting;
        this.waiting = [];
        // The work reports its own failures; the next batch goes on regardless.
        await this.work(batch).catch(() => undefined);
      }
    })().finally(() => (this.running = undefined));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Message ids as a uuid[] literal; each is checked to be a uuid, so inlining them is safe. */
function uuidArray(ids: string[]): string {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`not a message id: ${id}`);
  return `'{${ids.join(',')}}'::uuid[]`;
}
