import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { DataSourceOptions, MixedList } from 'typeorm';
import type { ServiceName } from '#contracts';
import { Outbox } from '#messaging';
import { AccessGuard, AUTH_CONFIG, Authenticator } from './auth/access.guard.js';
import { describeMode } from './auth/development-mode.js';
import { RequestNonces1765300000000 } from './auth/request-nonces.migration.js';
import { AddressRateLimitGuard, CallerRateLimitGuard, CallerRateLimits } from './auth/rate-limit.js';
import { AuditTrail1765400000000 } from './audit/audit-trail.migration.js';
import { ParkedMessages } from './parked/parked-messages.js';
import { ParkedMessagesController } from './parked/parked-messages.controller.js';
import { ParkedMessages1765500000000 } from './parked/parked-messages.migration.js';
import { AuditTrailAppendOnly1766000000000 } from './audit/audit-trail-append-only.migration.js';
import { RetentionIndexes1766300000000, retentionJobProvider, type RetentionRule } from './retention/index.js';
import { CLOCK, SystemClock } from './clock.js';
import { OutboxTraceContext1766200000000 } from './observability/outbox-trace-context.migration.js';
import { developmentSecretsIn, type ConfiguredSettings } from './development-secrets.js';
import { outboxCommitSubscriber } from './outbox-commit.subscriber.js';
import { brokerUrlsOf, type BaseConfig } from './service-config.js';
import { CONSUMERS_CONNECTION } from './consumer-data-source.js';
import {
  DatabaseSetupRefused,
  migrateAsOwner,
  openDataSource,
  refuseOwnerPowers,
  refusePendingMigrations,
  sessionTimeouts,
} from './database.js';
import { HealthModule } from './health.module.js';
import { MessagingModule } from './messaging.module.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { API_DOCUMENT_OPTIONS, type ApiDocumentOptions } from './openapi/api-document.options.js';
import { httpLoggerOptions } from './request-logging.js';
import { LARGE_JSON_BODIES, type LargeJsonBodies } from './request-parsing.js';

export interface PlatformOptions {
  service: ServiceName;
  /** The service's validated settings: the platform's and its own (its own development secrets are refused too). */
  config: BaseConfig & ConfiguredSettings;
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
  /** Its OpenAPI document's servers and tag descriptions. */
  api: ApiDocumentOptions;
  /** Routes (path prefixes) that take a JSON body larger than the platform's 100 kB, with their limit. */
  largeJsonBodies?: LargeJsonBodies;
  /** The service's own tables' retention, run by the platform's retention job after the platform's tables. */
  retention?: RetentionRule[];
}

/**
 * What every service stands on: structured logging, its own PostgreSQL database (migrated at start-up as the owner
 * role, then used as the runtime role: one pool for HTTP and one for the consumers), the RabbitMQ outbox/inbox
 * machinery, /health, and the clock every time-dependent rule reads.
 */
const MIGRATIONS_TABLE = 'schema_migrations';

@Module({})
export class ServicePlatformModule {
  static forService(options: PlatformOptions): DynamicModule {
    const { config } = options;
    const untrusted = developmentSecretsIn(options.service, config);
    if (untrusted.length > 0) {
      throw new Error(
        `refusing to start with ${describeMode(config.NODE_ENV)} while development credentials are configured (only NODE_ENV=development or test trusts them):\n  ${untrusted.join('\n  ')}`,
      );
    }
    // One outbox per service, told by TypeORM when a transaction that appended to it commits (wakes the relay).
    const clock = new SystemClock(config.CLOCK_OFFSET_MS);
    const outbox = new Outbox(options.service, () => clock.now());
    const rateLimits = new CallerRateLimits(config.REDIS_URL, options.service, {
      partner: config.RATE_LIMIT_PARTNER_PER_MINUTE,
      staff: config.RATE_LIMIT_STAFF_PER_MINUTE,
      address: config.RATE_LIMIT_ADDRESS_PER_MINUTE,
    });
    const runtimeOptions = (max: number): TypeOrmModuleOptions => ({
      // Nest's TypeORM module retries a failed start (the database may come up a little later), but not a refusal.
      toRetry: (e) => !(e instanceof DatabaseSetupRefused),
      type: 'postgres',
      url: config.DATABASE_URL,
      entities: options.entities,
      migrations: [
        ...(options.migrations as Function[]),
        RequestNonces1765300000000,
        AuditTrail1765400000000,
        ParkedMessages1765500000000,
        AuditTrailAppendOnly1766000000000,
        OutboxTraceContext1766200000000,
        RetentionIndexes1766300000000,
      ],
      migrationsTableName: MIGRATIONS_TABLE,
      subscribers: [outboxCommitSubscriber(outbox)],
      extra: { max, ...sessionTimeouts(config) },
    });
    return {
      module: ServicePlatformModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: httpLoggerOptions(options.service, config.LOG_LEVEL) }),
        TypeOrmModule.forRootAsync({
          useFactory: () => runtimeOptions(config.DB_POOL_MAX),
          dataSourceFactory: async (dsOptions) => {
            const ds = await openDataSource(dsOptions!, 'DATABASE_URL');
            try {
              await refuseOwnerPowers(ds, 'DATABASE_URL');
              if (config.DATABASE_OWNER_URL) {
                // No timeouts for the owner: a migration may rewrite a big table, and waits on the lock for another's.
                await migrateAsOwner({
                  ...dsOptions!,
                  url: config.DATABASE_OWNER_URL,
                  subscribers: [],
                  extra: { max: 2 },
                } as DataSourceOptions);
              }
              await refusePendingMigrations(ds, MIGRATIONS_TABLE);
            } catch (e) {
              await ds.destroy();
              throw e;
            }
            return ds;
          },
        }),
        TypeOrmModule.forRootAsync({
          name: CONSUMERS_CONNECTION,
          useFactory: () => runtimeOptions(config.CONSUMER_DB_POOL_MAX),
          dataSourceFactory: (dsOptions) => openDataSource(dsOptions!, 'DATABASE_URL'),
        }),
        MessagingModule.forService({
          service: options.service,
          databaseUrl: config.DATABASE_URL,
          session: sessionTimeouts(config),
          amqpUrls: brokerUrlsOf(config),
          prefetch: config.CONSUMER_PREFETCH,
          consumerBatchMax: config.CONSUMER_BATCH_MAX,
          outboxBatchSize: config.OUTBOX_BATCH_SIZE,
          outboxPollMs: config.OUTBOX_POLL_MS,
          outboxPublishGraceMs: config.OUTBOX_PUBLISH_GRACE_MS,
          outboxRelayConcurrency: config.OUTBOX_RELAY_CONCURRENCY,
          outbox,
          clock,
        }),
        HealthModule,
        ObservabilityModule.forService(config),
      ],
      // Every service's parked messages, beside its own API (like /health and the audit trail).
      controllers: [ParkedMessagesController],
      providers: [
        ParkedMessages,
        { provide: CLOCK, useValue: clock },
        { provide: AUTH_CONFIG, useValue: config },
        { provide: API_DOCUMENT_OPTIONS, useValue: options.api },
        { provide: LARGE_JSON_BODIES, useValue: options.largeJsonBodies ?? {} },
        // A provider so that Nest closes its Redis connection at shutdown.
        { provide: CallerRateLimits, useValue: rateLimits },
        Authenticator,
        // In this order: how often the address has called (before any signature is checked), who calls, then how
        // often they have called.
        { provide: APP_GUARD, useClass: AddressRateLimitGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_GUARD, useClass: CallerRateLimitGuard },
        retentionJobProvider(config, options.retention),
      ],
      exports: [CLOCK],
    };
  }
}
