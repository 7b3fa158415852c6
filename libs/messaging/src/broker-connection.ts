import { Logger } from '@nestjs/common';
import amqp, { type AmqpConnectionManager, type ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel } from 'amqplib';
import type { Socket } from 'node:net';
import type { ServiceName } from '#contracts';
import { assertServiceTopology, assertTopology, quorumReplicasFor, type QuorumReplicas } from './topology.js';

/**
 * One reconnecting connection to RabbitMQ per process (amqp-connection-manager re-runs channel setup after
 * every reconnect). Channels are confirm channels: a publish resolves only when the broker has taken the message.
 * Given a cluster's nodes, it connects to one and, when that node is lost, to the next that answers: a publish
 * unconfirmed when the node went is not marked published, so the outbox relay sends it again on the new connection.
 */
export class BrokerConnection {
  private readonly manager: AmqpConnectionManager;
  private readonly logger = new Logger('Broker');
  /**
   * The broker user of this connection. Every publish carries it as `user_id`: RabbitMQ refuses any other value,
   * so consumers can trust it to name the publisher (the FORGED_PRODUCER check).
   */
  readonly userId: string;
  private readonly replicas: QuorumReplicas;

  /**
   * `urls`: one broker, or every node of a cluster (all as the same user). With `service`, channels declare only that
   * service's part of the topology; without, the whole (tools, tests).
   */
  constructor(
    urls: string | readonly string[],
    readonly connectionName: string,
    private readonly service?: ServiceName,
  ) {
    const nodes = typeof urls === 'string' ? [urls] : [...urls];
    const users = new Set(nodes.map((u) => decodeURIComponent(new URL(u).username) || 'guest'));
    if (nodes.length === 0 || users.size !== 1)
      throw new Error(`broker URLs must name one user on every node, got ${[...users].join(', ') || 'no URL'}`);
    this.userId = [...users][0];
    this.replicas = quorumReplicasFor(nodes);
    this.manager = amqp.connect(nodes, {
      heartbeatIntervalInSeconds: 10,
      reconnectTimeInSeconds: 1,
      // Nagle's algorithm with delayed ACKs adds ~40 ms to every small publish, ack and delivery.
      connectionOptions: { noDelay: true, clientProperties: { connection_name: connectionName } },
    });
    this.watch();
    this.manager.on('connect', ({ connection }: { connection: unknown }) => coalesceWrites(connection));
  }

  /** Logs losing and regaining the broker; amqp-connection-manager reconnects by itself. */
  private watch(): void {
    this.manager.on('disconnect', ({ err }: { err?: Error }) =>
      this.logger.warn(`disconnected from RabbitMQ: ${err?.message ?? 'closed'}`),
    );
    this.manager.on('connectFailed', ({ err }: { err?: Error }) =>
      this.logger.warn(`cannot reach RabbitMQ: ${err?.message}`),
    );
  }

  isConnected(): boolean {
    return this.manager.isConnected();
  }

  /** A confirm channel whose setup (topology first, then the caller's) runs on every (re)connect. */
  channel(name: string, setup: (ch: ConfirmChannel) => Promise<void> = async () => {}): ChannelWrapper {
    const wrapper = this.manager.createChannel({
      name,
      confirm: true,
      json: false,
      setup: async (ch: ConfirmChannel) => {
        await (this.service
          ? assertServiceTopology(ch, this.service, this.replicas)
          : assertTopology(ch, this.replicas));
        await setup(ch);
      },
    });
    // A failed setup (say, the channel closed mid-declare) is retried on the next connect; unheard, it would crash the process.
    wrapper.on('error', (e: Error) => this.logger.warn(`channel ${name}: ${e.message}`));
    return wrapper;
  }

  onEvent(event: 'connect' | 'disconnect', listener: (arg: unknown) => void): void {
    this.manager.on(event, listener);
  }

  async close(): Promise<void> {
    await this.manager.close();
  }
}

/**
 * amqplib's multiplexer writes every frame (each publish, each ack) to the socket with its own write call, and each
 * is a system call: a third of a busy service's time (docs/performance.md). Corking the socket for one pass of the
 * multiplexer sends everything it had queued in one write. Only the write calls are grouped — the frames, their
 * order and the moment they leave (the end of the same pass) are unchanged. An amqplib without this shape is left
 * as it is.
 */
function coalesceWrites(model: unknown): void {
  const connection = (model as { connection?: { muxer?: { _readIncoming?: () => void }; stream?: Socket } }).connection;
  const mux = connection?.muxer;
  const socket = connection?.stream;
  if (typeof mux?._readIncoming !== 'function' || typeof socket?.cork !== 'function') return;
  const pass = mux._readIncoming.bind(mux);
  mux._readIncoming = () => {
    socket.cork();
    try {
      pass();
    } finally {
      socket.uncork();
    }
  };
}
