import { Inject, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { collectDefaultMetrics, register, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { flushTraces } from '#telemetry';
import { registerDatabaseGauges } from './database-gauges.js';
import { MetricsController, SERVICE_METRICS } from './metrics.controller.js';
import { METRICS_SETTINGS, refuseOpenMetricsInProduction, type MetricsSettings } from './metrics-settings.js';

/** The service's own database gauges, registered once TypeORM's DataSource exists. */
class DatabaseGauges implements OnModuleInit {
  constructor(
    @Inject(SERVICE_METRICS) private readonly registry: Registry,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    registerDatabaseGauges(this.registry, this.db);
  }
}

/** Exports the spans still buffered when the service stops (SIGTERM: a deploy, a scale-in), so none of its last are lost. */
class TraceFlush implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await flushTraces();
  }
}

/**
 * Prometheus metrics: the process's (CPU, memory, event loop, GC), every counter the code registers on prom-client's
 * default registry (consumers, payments, autopayments, ЭЦП), and the service's tables and pool (read per scrape); and
 * the last spans flushed at shutdown (tracing itself starts before Nest: libs/telemetry).
 */
@Module({})
export class ObservabilityModule {
  static forService(settings: MetricsSettings): DynamicModule {
    refuseOpenMetricsInProduction(settings);
    // Once per process (several apps in one test process share the default registry).
    if (!register.getSingleMetric('process_cpu_seconds_total')) collectDefaultMetrics({ prefix: '' });
    return {
      module: ObservabilityModule,
      // A service adds gauges of its own tables to SERVICE_METRICS.
      global: true,
      exports: [SERVICE_METRICS],
      controllers: [MetricsController],
      providers: [
        { provide: METRICS_SETTINGS, useValue: settings },
        // Per app: its own DataSource's gauges.
        { provide: SERVICE_METRICS, useFactory: () => new Registry() },
        DatabaseGauges,
        TraceFlush,
      ],
    };
  }
}
