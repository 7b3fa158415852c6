import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge, type Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { CLOCK, SERVICE_METRICS, type Clock } from '#platform';

/**
 * Payments not final yet, and those waiting more than five minutes (the alert `PaymentsNotFinal`), read per scrape
 * from the partial index of pending payments.
 */
@Injectable()
export class PendingPaymentsGauge implements OnModuleInit {
  constructor(
    @Inject(SERVICE_METRICS) private readonly registry: Registry,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const { db, clock } = this;
    new Gauge({
      name: 'dostek_payments_not_final',
      help: 'Payments still PENDING, all and those older than five minutes',
      labelNames: ['age'],
      registers: [this.registry],
      async collect() {
        const [row] = await db.query(
          `SELECT count(*)::int AS pending, (count(*) FILTER (WHERE created_at < $1::timestamptz - interval '5 minutes'))::int AS stale
             FROM payments WHERE stage LIKE 'AWAITING_%'`,
          [clock.now()],
        );
        this.set({ age: 'any' }, row.pending);
        this.set({ age: 'over_5m' }, row.stale);
      },
    });
  }
}
