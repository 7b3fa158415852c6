import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, type Clock } from '#platform';
import { ECP_INVOICING_CONFIG, type EcpInvoicingConfig } from '../ecp-invoicing.config.js';
import { EXPIRY_BATCH, ExpireInvoicesHandler } from './expire-invoices.handler.js';

/**
 * Every ECP_EXPIRY_SWEEP_MS, expires the unpaid invoices whose time ran out. Every instance runs it: the claim skips
 * rows another instance holds (FOR UPDATE SKIP LOCKED), so they share the work and never expire one invoice twice.
 * A payment for an overdue invoice expires it on the spot too, so nothing depends on this job's timing.
 */
@Injectable()
export class ExpireInvoicesJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ExpireInvoices');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @Inject(ExpireInvoicesHandler) private readonly handler: ExpireInvoicesHandler,
    @Inject(ECP_INVOICING_CONFIG) private readonly config: EcpInvoicingConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () =>
        void this.sweep().catch((e: Error) => this.logger.warn(`expiry sweep failed, next one retries: ${e.message}`)),
      this.config.ECP_EXPIRY_SWEEP_MS,
    );
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Expires everything due now, batch by batch; returns how many invoices expired. One sweep at a time per instance. */
  sweep(now: Date = this.clock.now()): Promise<number> {
    this.running ??= this.sweepAll(now).finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepAll(now: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.handler.expireBatch(now, EXPIRY_BATCH);
      total += claimed;
      if (claimed < EXPIRY_BATCH) break;
    }
    if (total > 0) this.logger.log(`expired ${total} unpaid invoice(s)`);
    return total;
  }
}
