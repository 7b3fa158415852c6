import {
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Logger } from '@nestjs/common';
import type { ServiceName } from '#contracts';
import {
  BrokerConnection,
  InboxConsumerServer,
  Outbox,
  OutboxRelay,
  ParkingQueueConsumer,
  type OutboxRelayOptions,
} from '#messaging';
import type { Clock } from './clock.js';

export interface MessagingOptions {
  service: ServiceName;
  databaseUrl: string;
  /** The relay's connections' timeouts, as every other pool's. */
  session?: OutboxRelayOptions['session'];
  /** One broker, or every node of the RabbitMQ cluster (brokerUrlsOf). */
  amqpUrls: readonly string[];
  prefetch: number;
  /** Most messages a consumer applies in one transaction. */
  consumerBatchMax?: number;
  outboxBatchSize: number;
  outboxPollMs: number;
  /** How long the relay leaves a new row to the process that committed it (OutboxRelayOptions.graceMs). */
  outboxPublishGraceMs?: number;
  /** Relay batches in flight at once (each on its own connection). */
  outboxRelayConcurrency?: number;
  /** The service's outbox, when the platform created it to hear its database's commits (see outboxCommitSubscriber). */
  outbox?: Outbox;
  /** The service's clock: when a message the broker dead-lettered was parked, as far as the store can tell. */
  clock?: Clock;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/**
 * Starts the outbox relay and the parking queue's consumer with the application and stops them (after the work in
 * flight) on shutdown.
 */
class RelayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(ParkingQueueConsumer) private readonly parking: ParkingQueueConsumer,
    @Inject(BrokerConnection) private readonly broker: BrokerConnection,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
    this.parking.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.parking.stop();
    await this.broker.close();
  }
}

/** The service's broker connection, outbox, outbox relay and inbox consumer transport. */
@Module({})
export class MessagingModule {
  static forService(options: MessagingOptions): DynamicModule {
    const logger = new Logger('OutboxRelay');
    const outbox = options.outbox ?? new Outbox(options.service);
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: BrokerConnection,
          useFactory: () => new BrokerConnection(options.amqpUrls, options.service, options.service),
        },
        { provide: Outbox, useValue: outbox },
        {
          provide: OutboxRelay,
          inject: [BrokerConnection],
          useFactory: (broker: BrokerConnection) =>
            new OutboxRelay(broker, {
              databaseUrl: options.databaseUrl,
              session: options.session,
              batchSize: options.outboxBatchSize,
              pollIntervalMs: options.outboxPollMs,
              graceMs: options.outboxPublishGraceMs,
              concurrency: options.outboxRelayConcurrency,
              outbox,
              logger,
            }),
        },
        {
          provide: InboxConsumerServer,
          inject: [BrokerConnection],
          useFactory: (broker: BrokerConnection) =>
            new InboxConsumerServer(broker, {
              service: options.service,
              prefetch: options.prefetch,
              batchMax: options.consumerBatchMax,
            }),
        },
        {
          provide: ParkingQueueConsumer,
          inject: [BrokerConnection],
          useFactory: (broker: BrokerConnection) =>
            new ParkingQueueConsumer(broker, {
              service: options.service,
              databaseUrl: options.databaseUrl,
              session: options.session,
              logger: new Logger('ParkedMessages'),
              now: options.clock ? () => options.clock!.now() : undefined,
            }),
        },
        RelayLifecycle,
      ],
      exports: [BrokerConnection, Outbox, OutboxRelay, InboxConsumerServer, MESSAGING_OPTIONS],
    };
  }
}
