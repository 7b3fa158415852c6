import amqp from 'amqplib';
import { randomUUID } from 'node:crypto';
import {
  brokerUserOf,
  EVENT_CATALOG,
  EVENTS_EXCHANGE,
  findEvent,
  SERVICES,
  TOPOLOGY,
  type Envelope,
  type ServiceName,
} from '#contracts';
import { assertTopology, type QuorumReplicas } from '#messaging';
import { amqpUrlAs } from './broker-users.js';
import { TEST_AMQP_URL } from './test-env.js';

/** How a test message is published: as which broker user, and with which AMQP user_id (none: `null`). */
export interface PublishAs {
  /** The broker user to connect as; by default the producer the event's contract names (else the tap's own user). */
  user?: string;
  /** The user_id property; by default the connection's user, as every real producer sets it. */
  userId?: string | null;
}

/** How a test message is published: as which broker user, and with which AMQP user_id (none: `null`). */
export interface PublishAs {
  /** The broker user to connect as; by default the producer the event's contract names (else the tap's own user). */
  user?: string;
  /** The user_id property; by default the connection's user, as every real producer sets it. */
  userId?: string | null;
}

export interface Parked {
  code: string;
  reason: string;
  body: string;
  /** The AMQP message id the message was published with. */
  messageId?: string;
}

/**
 * The test's own view of the broker, as its operator (the test URL's user): declares the topology, empties every
 * queue, and records every event that reaches the events exchange (parked messages: parked-store.ts). It publishes as the
 * producer's own broker user with its user_id, as the services do, unless a test forges another.
 */
export class BrokerTap {
  readonly seen: Envelope[] = [];
  private readonly publishers = new Map<string, Promise<{ conn: amqp.ChannelModel; ch: amqp.ConfirmChannel }>>();
  private constructor(
    private readonly conn: amqp.ChannelModel,
    private readonly ch: amqp.ConfirmChannel,
    private readonly url: string,
  ) {}

  /**
   * Opens the tap; `purge: false` keeps what the queues hold (reconnecting after a broker restart, say). `url` and
   * `replicas` (a cluster's node count, as the services declare their quorum queues) default to the test broker.
   */
  static async open({
    purge = true,
    url = TEST_AMQP_URL,
    replicas,
  }: { purge?: boolean; url?: string; replicas?: QuorumReplicas } = {}): Promise<BrokerTap> {
    const conn = await amqp.connect(url);
    // A broker restart closes the connection with an error; the test reopens the tap rather than crash.
    conn.on('error', () => undefined);
    const ch = await conn.createConfirmChannel();
    ch.on('error', () => undefined);
    await assertTopology(ch, replicas);
    for (const q of purge ? TOPOLOGY : []) {
      await ch.purgeQueue(q.queue);
      await ch.purgeQueue(q.parkingQueue);
    }
    const tap = new BrokerTap(conn, ch, url);
    const { queue } = await ch.assertQueue('', { exclusive: true, autoDelete: true });
    await ch.bindQueue(queue, EVENTS_EXCHANGE, '#');
    await ch.consume(queue, (m) => m && tap.record(m.content), { noAck: true });
    return tap;
  }

  private record(content: Buffer): void {
    try {
      this.seen.push(JSON.parse(content.toString()));
    } catch {
      // Poison published by the test itself.
    }
  }

  /**
   * Publishes raw bytes to the events exchange as if from another service (duplicates, poison): as the producer of the
   * routing key's event, unless `as` says otherwise. Rejects when the broker refuses the publish (a user_id the
   * connection may not claim closes its channel).
   */
  async publishRaw(
    routingKey: string,
    body: string | Buffer,
    messageId: string = randomUUID(),
    as: PublishAs = {},
  ): Promise<void> {
    const producer = EVENT_CATALOG.find((d) => d.routingKey === routingKey)?.producer;
    const user = as.user ?? (producer ? brokerUserOf(producer) : undefined);
    const ch = user ? (await this.publisher(user)).ch : this.ch;
    const userId = as.userId === undefined ? user : (as.userId ?? undefined);
    // A refused publish closes the channel: the broker's reason comes as the channel's error, the confirm fails plainly.
    let refusal: Error | undefined;
    const onError = (e: Error) => (refusal = e);
    ch.once('error', onError);
    try {
      await new Promise<void>((resolve, reject) =>
        ch.publish(
          EVENTS_EXCHANGE,
          routingKey,
          Buffer.isBuffer(body) ? body : Buffer.from(body),
          { persistent: true, messageId, ...(userId ? { userId } : {}) },
          (e) => (e ? reject(e) : resolve()),
        ),
      );
    } catch (e) {
      await new Promise((r) => setTimeout(r, 50));
      throw refusal ?? e;
    } finally {
      ch.removeListener('error', onError);
    }
  }

  /** Publishes an event as its contract's producer (else as the envelope's producer), unless `as` forges another. */
  async publish(
    envelope: Envelope,
    routingKey = `${envelope.type}.v${envelope.version}`,
    as: PublishAs = {},
  ): Promise<void> {
    const producer: ServiceName | undefined =
      findEvent(envelope.type, envelope.version)?.producer ??
      ((SERVICES as readonly string[]).find((s) => s === envelope.producer) as ServiceName | undefined);
    await this.publishRaw(routingKey, JSON.stringify(envelope), envelope.messageId, {
      user: producer ? brokerUserOf(producer) : undefined,
      ...as,
    });
  }

  /** A confirm channel connected as a broker user (its development password); a closed one is opened again. */
  private async publisher(user: string): Promise<{ conn: amqp.ChannelModel; ch: amqp.ConfirmChannel }> {
    let open = this.publishers.get(user);
    if (!open) {
      open = (async () => {
        const conn = await amqp.connect(amqpUrlAs(this.url, user));
        conn.on('error', () => undefined);
        conn.on('close', () => this.publishers.delete(user));
        const ch = await conn.createConfirmChannel();
        ch.on('error', () => undefined);
        ch.on('close', () => {
          this.publishers.delete(user);
          void conn.close().catch(() => undefined);
        });
        return { conn, ch };
      })();
      open.catch(() => this.publishers.delete(user));
      this.publishers.set(user, open);
    }
    return open;
  }

  async queueDepth(queue: string): Promise<number> {
    return (await this.ch.checkQueue(queue)).messageCount;
  }

  eventsOf(type: string): Envelope<any>[] {
    return this.seen.filter((e) => e.type === type);
  }

  async close(): Promise<void> {
    for (const open of this.publishers.values()) await open.then(({ conn }) => conn.close()).catch(() => undefined);
    await this.conn.close().catch(() => undefined);
  }
}
