import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { DataSource, type MixedList } from 'typeorm';
import type { ServiceName } from '#contracts';
import { Outbox } from '#messaging';
import { CLOCK, SystemClock } from './clock.js';
import { outboxCommitSubscriber } from './outbox-commit.subscriber.js';
import type { BaseConfig } from './service-config.js';
import { ensureDatabase, migrateWithLock } from './database.js';
import { HealthModule } from './health.module.js';
import { MessagingModule } from './messaging.module.js';
import { httpLoggerOptions } from './request-logging.js';

export interface PlatformOptions {
  service: ServiceName;
  config: BaseConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
}

/**
 * What every service stands on: structured logging, its own PostgreSQL database (created and migrated at
 * start-up), the RabbitMQ outbox/inbox machinery, /health, and the clock every time-dependent rule reads.
 */
@Module({})
export class ServicePlatformModule {
  static forService(options: PlatformOptions): DynamicModule {
    const { config } = options;
    // One outbox per service, told by TypeORM when a transaction that appended to it commits (wakes the relay).
    const clock = new SystemClock(config.CLOCK_OFFSET_MS);
    const outbox = new Outbox(options.service, () => clock.now());
    return {
      module: ServicePlatformModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: httpLoggerOptions(options.service, config.LOG_LEVEL) }),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            type: 'postgres',
            url: config.DATABASE_URL,
            entities: options.entities,
            migrations: options.migrations,
            migrationsTableName: 'schema_migrations',
            subscribers: [outboxCommitSubscriber(outbox)],
            extra: { max: config.DB_POOL_MAX },
          }),
          dataSourceFactory: async (dsOptions) => {
            await ensureDatabase(config.DATABASE_URL);
            const ds = await new DataSource(dsOptions!).initialize();
            await migrateWithLock(ds);
            return ds;
          },
        }),
        MessagingModule.forService({
          service: options.service,
          databaseUrl: config.DATABASE_URL,
          amqpUrl: config.AMQP_URL,
          prefetch: config.CONSUMER_PREFETCH,
          outboxBatchSize: config.OUTBOX_BATCH_SIZE,
          outboxPollMs: config.OUTBOX_POLL_MS,
          outboxRelayConcurrency: config.OUTBOX_RELAY_CONCURRENCY,
          outbox,
        }),
        HealthModule,
      ],
      providers: [{ provide: CLOCK, useValue: clock }],
      exports: [CLOCK],
    };
  }
}
