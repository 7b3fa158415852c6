import type { ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, Message } from 'amqplib';
import pg from 'pg';
import { EVENTS_EXCHANGE, findEvent } from '#contracts';
import type { BrokerConnection } from './broker-connection.js';
import { OUTBOX_NOTIFY_CHANNEL } from './messaging-schema.js';

export interface OutboxRelayOptions {
  databaseUrl: string;
  batchSize?: number;
  /** Polling interval: LISTEN/NOTIFY wakes the relay at once, polling covers lost notifications. */
  pollIntervalMs?: number;
  /** How long to wait for the broker's confirms before giving the batch back. */
  confirmTimeoutMs?: number;
  /** Rows returned as unroutable this many times are left for staff and no longer retried. */
  maxAttempts?: number;
  logger: { log(msg: string): void; warn(msg: string): void; error(msg: string): void };
}

interface OutboxRow {
  id: string;
  message_id: string;
  type: string;
  version: number;
  routing_key: string;
  envelope: Record<string, unknown> & { correlationId: string; causationId: string | null; producer: string; occurredAt: string };
}

/**
 * Publishes committed outbox rows to RabbitMQ. Rows are claimed with FOR UPDATE SKIP LOCKED, so several
 * instances share the work without double publishing in the normal case; a row is marked published only after
 * the broker confirmed it, so a crash at any point republishes (consumers deduplicate by message id).
 */
export class OutboxRelay {
  private readonly pool: pg.Pool;
  private listener?: pg.Client;
  private channel?: ChannelWrapper;
  private readonly returned = new Set<string>();
  private timer?: NodeJS.Timeout;
  private running = false;
  private wakeAgain = false;
  private stopped = false;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly confirmTimeoutMs: number;
  private readonly maxAttempts: number;
  private idle: Promise<void> = Promise.resolve();

  constructor(private readonly broker: BrokerConnection, private readonly options: OutboxRelayOptions) {
    this.pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
    this.pool.on('error', (e) => options.logger.warn(`outbox relay pool: ${e.message}`));
    this.batchSize = options.batchSize ?? 200;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.confirmTimeoutMs = options.confirmTimeoutMs ?? 10_000;
    this.maxAttempts = options.maxAttempts ?? 10;
  }

  async start(): Promise<void> {
    this.channel = this.broker.channel('outbox-relay', async (ch: ConfirmChannel) => {
      ch.on('return', (msg: Message) => {
        if (msg.properties.messageId) this.returned.add(String(msg.properties.messageId));
      });
    });
    // Rows committed while the broker was away are published as soon as the channel is (re)established.
    this.channel.on('connect', () => this.wake());
    await this.listen();
    this.timer = setInterval(() => this.wake(), this.pollIntervalMs);
    this.wake();
  }

  /** Publishes everything pending now; resolves when the outbox is drained (used by tests and shutdown). */
  async flush(): Promise<void> {
    this.wake();
    await this.idle;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle;
    await this.listener?.end().catch(() => undefined);
    await this.channel?.close().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    try {
      const client = new pg.Client({ connectionString: this.options.databaseUrl });
      client.on('notification', () => this.wake());
      client.on('error', (e) => {
        this.options.logger.warn(`outbox relay LISTEN connection lost (${e.message}); polling until it is back`);
        this.listener = undefined;
        setTimeout(() => void (this.stopped || this.listen()), 1000);
      });
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_NOTIFY_CHANNEL}`);
      this.listener = client;
    } catch (e) {
      this.options.logger.warn(`outbox relay cannot LISTEN yet: ${(e as Error).message}`);
      setTimeout(() => void (this.stopped || this.listen()), 1000);
    }
  }

  private wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeAgain = true;
      return;
    }
    this.running = true;
    this.idle = this.drain().finally(() => {
      this.running = false;
    });
  }

  private async drain(): Promise<void> {
    do {
      this.wakeAgain = false;
      try {
        while (!this.stopped && (await this.publishBatch()) === this.batchSize) {
          // A full batch: more rows are probably waiting.
        }
      } catch (e) {
        this.options.logger.warn(`outbox relay: ${(e as Error).message}; will retry`);
        return;
      }
    } while (this.wakeAgain && !this.stopped);
  }

  private async publishBatch(): Promise<number> {
    const channel = this.channel;
    if (!channel || !this.broker.isConnected()) return 0;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<OutboxRow>(
        `SELECT id, message_id, type, version, routing_key, envelope FROM outbox
          WHERE published_at IS NULL AND attempts < $2
          ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize, this.maxAttempts],
      );
      if (rows.length === 0) {
        await client.query('COMMIT');
        return 0;
      }
      await this.withTimeout(Promise.all(rows.map((row) => this.publish(channel, row))));
      // An event no service consumes yet (a pure integration point) is expected to come back unroutable.
      const unroutable = rows.filter((r) => this.returned.delete(r.message_id) && (findEvent(r.type, r.version)?.consumers.length ?? 1) > 0);
      const published = rows.filter((r) => !unroutable.includes(r)).map((r) => r.id);
      await client.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [published]);
      if (unroutable.length > 0) {
        await client.query(
          `UPDATE outbox SET attempts = attempts + 1, last_error = 'unroutable: no queue bound' WHERE id = ANY($1::bigint[])`,
          [unroutable.map((r) => r.id)],
        );
        this.options.logger.error(`outbox relay: ${unroutable.length} message(s) unroutable: ${unroutable.map((r) => r.routing_key).join(', ')}`);
      }
      await client.query('COMMIT');
      return rows.length;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  private publish(channel: ChannelWrapper, row: OutboxRow): Promise<unknown> {
    const env = row.envelope;
    return channel.publish(EVENTS_EXCHANGE, row.routing_key, Buffer.from(JSON.stringify(env)), {
      persistent: true,
      mandatory: true,
      contentType: 'application/json',
      messageId: row.message_id,
      type: row.type,
      correlationId: env.correlationId,
      appId: env.producer,
      timestamp: Math.floor(Date.parse(env.occurredAt) / 1000),
      headers: { version: row.version, causationId: env.causationId },
    });
  }

  private async withTimeout<T>(p: Promise<T>): Promise<T> {
    let t: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      t = setTimeout(() => reject(new Error(`no broker confirm within ${this.confirmTimeoutMs} ms`)), this.confirmTimeoutMs);
    });
    try {
      return await Promise.race([p, timeout]);
    } finally {
      clearTimeout(t);
    }
  }
}
