import amqp from 'amqplib';
import { randomUUID } from 'node:crypto';
import { EVENTS_EXCHANGE, PARKED_HEADERS, TOPOLOGY, type Envelope } from '#contracts';
import { assertTopology } from '#messaging';
import { TEST_AMQP_URL } from './test-env.js';

export interface Parked {
  code: string;
  reason: string;
  body: string;
  /** The AMQP message id the message was published with. */
  messageId?: string;
}

/**
 * The test's own view of the broker: declares the topology, empties every queue, publishes raw messages,
 * records every event that reaches the events exchange, and reads parked messages.
 */
export class BrokerTap {
  readonly seen: Envelope[] = [];
  private constructor(private readonly conn: amqp.ChannelModel, private readonly ch: amqp.ConfirmChannel) {}

  /** Opens the tap; `purge: false` keeps what the queues hold (reconnecting after a broker restart, say). */
  static async open({ purge = true }: { purge?: boolean } = {}): Promise<BrokerTap> {
    const conn = await amqp.connect(TEST_AMQP_URL);
    // A broker restart closes the connection with an error; the test reopens the tap rather than crash.
    conn.on('error', () => undefined);
    const ch = await conn.createConfirmChannel();
    ch.on('error', () => undefined);
    await assertTopology(ch);
    for (const q of purge ? TOPOLOGY : []) {
      await ch.purgeQueue(q.queue);
      await ch.purgeQueue(q.parkingQueue);
    }
    const tap = new BrokerTap(conn, ch);
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

  /** Publishes raw bytes to a service's queue as if from another service (used for duplicates and poison). */
  async publishRaw(routingKey: string, body: string | Buffer, messageId: string = randomUUID()): Promise<void> {
    await new Promise<void>((resolve, reject) =>
      this.ch.publish(EVENTS_EXCHANGE, routingKey, Buffer.isBuffer(body) ? body : Buffer.from(body), { persistent: true, messageId }, (e) =>
        e ? reject(e) : resolve(),
      ),
    );
  }

  async publish(envelope: Envelope, routingKey = `${envelope.type}.v${envelope.version}`): Promise<void> {
    await this.publishRaw(routingKey, JSON.stringify(envelope), envelope.messageId);
  }

  /** Takes every message parked for a service off its parking queue. */
  async drainParked(service: string): Promise<Parked[]> {
    const out: Parked[] = [];
    for (;;) {
      const m = await this.ch.get(`${service}.parking`, { noAck: true });
      if (!m) return out;
      const h = m.properties.headers ?? {};
      out.push({
        code: String(h[PARKED_HEADERS.code] ?? 'BROKER_DEAD_LETTER'),
        reason: String(h[PARKED_HEADERS.reason] ?? ''),
        body: m.content.toString(),
        ...(m.properties.messageId ? { messageId: String(m.properties.messageId) } : {}),
      });
    }
  }

  async queueDepth(queue: string): Promise<number> {
    return (await this.ch.checkQueue(queue)).messageCount;
  }

  eventsOf(type: string): Envelope<any>[] {
    return this.seen.filter((e) => e.type === type);
  }

  async close(): Promise<void> {
    await this.conn.close().catch(() => undefined);
  }
}
