import type { ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import pg from 'pg';
import { queueOf, type ServiceName } from '#contracts';
import type { BrokerConnection } from './broker-connection.js';
import type { OutboxRelayOptions } from './outbox-relay.js';
import { parkedMessageOf } from './parked-message.js';

export interface ParkingQueueConsumerOptions {
  service: ServiceName;
  databaseUrl: string;
  /** The connections' timeouts, as every other pool's. */
  session?: OutboxRelayOptions['session'];
  /** How long to wait before giving a message back when the database could not take it. */
  retryDelayMs?: number;
  logger: { warn(msg: string): void };
  now?: () => Date;
}

/**
 * Moves the service's parking queue into its `parked_messages` table, where staff see and act on it. A message is
 * acked only after its row committed; a repeat while the row is open changes nothing (a unique open message id), so
 * a crash between commit and ack stores it once. Its own small pool: parking never waits behind HTTP or handlers.
 */
export class ParkingQueueConsumer {
  private readonly pool: pg.Pool;
  private channel?: ChannelWrapper;
  private readonly queue: string;
  private readonly inFlight = new Set<Promise<void>>();
  private closing = false;

  constructor(
    private readonly broker: BrokerConnection,
    private readonly options: ParkingQueueConsumerOptions,
  ) {
    this.queue = queueOf(options.service).parkingQueue;
    this.pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2, ...options.session });
    this.pool.on('error', (e) => options.logger.warn(`parking consumer pool: ${e.message}`));
    // As in the outbox relay: a client in use when the server goes away emits 'error' too; its query fails and is retried.
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  start(): void {
    this.channel = this.broker.channel(`${this.options.service}-parking`, async (ch: ConfirmChannel) => {
      await ch.prefetch(8);
      await ch.consume(this.queue, (msg) => msg && this.track(this.store(ch, msg)), { noAck: false });
    });
  }

  async stop(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.inFlight]);
    await this.channel?.close().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async store(ch: ConfirmChannel, msg: ConsumeMessage): Promise<void> {
    const parked = parkedMessageOf(msg, this.queue, this.broker.userId, this.options.now?.() ?? new Date());
    try {
      await this.pool.query(
        `INSERT INTO parked_messages (message_id, queue, routing_key, code, reason, body, properties, headers, original_user_id, parked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (message_id) WHERE status = 'OPEN' DO NOTHING`,
        [
          parked.messageId,
          parked.queue,
          parked.routingKey,
          parked.code,
          parked.reason,
          parked.body,
          parked.properties,
          parked.headers,
          parked.originalUserId,
          parked.parkedAt,
        ],
      );
      settle(() => ch.ack(msg));
    } catch (e) {
      // The database is away or refused the row: keep the message on the queue and try it again shortly.
      this.options.logger.warn(
        `could not store parked message ${parked.messageId}: ${(e as Error).message}; it stays on ${this.queue}`,
      );
      await new Promise((r) => setTimeout(r, this.closing ? 0 : (this.options.retryDelayMs ?? 1000)));
      settle(() => ch.nack(msg, false, true));
    }
  }
}

/** An ack on a channel that closed meanwhile throws; the broker redelivers and the open-once index absorbs it. */
function settle(fn: () => void): void {
  try {
    fn();
  } catch {
    // redelivered
  }
}
