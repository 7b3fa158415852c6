import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge, type Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { SERVICE_METRICS } from '#platform';

/**
 * Callbacks the partner has not acknowledged yet, and the age of the oldest (the alert `PartnerCallbacksLagging`),
 * read per scrape from the partial index of undelivered rows.
 */
@Injectable()
export class PartnerCallbacksGauge implements OnModuleInit {
  constructor(
    @Inject(SERVICE_METRICS) private readonly registry: Registry,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    const { db } = this;
    let oldest = 0;
    new Gauge({
      name: 'dostek_partner_callbacks_pending',
      help: 'Final-status callbacks the partner has not acknowledged yet',
      registers: [this.registry],
      async collect() {
        const [row] = await db.query(
          `SELECT count(*)::int AS pending, COALESCE(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest
             FROM partner_callbacks WHERE delivered_at IS NULL`,
        );
        this.set(row.pending);
        oldest = row.oldest;
      },
    });
    new Gauge({
      name: 'dostek_partner_callbacks_oldest_pending_seconds',
      help: 'Age of the oldest final-status callback not acknowledged by the partner (0 when none)',
      registers: [this.registry],
      collect() {
        this.set(oldest);
      },
    });
  }
}
