import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, PeriodicJob, type Clock } from '#platform';
import { ECP_INVOICING_CONFIG, type EcpInvoicingConfig } from '../ecp-invoicing.config.js';
import { EXPIRY_BATCH, ExpireInvoicesHandler } from './expire-invoices.handler.js';

/**
 * Every ECP_EXPIRY_SWEEP_MS, expires the unpaid invoices whose time ran out; `run` returns how many. Every instance
 * runs it: the claim skips rows another instance holds (FOR UPDATE SKIP LOCKED), so they share the work and never
 * expire one invoice twice. A payment for an overdue invoice expires it on the spot too, so nothing depends on this
 * job's timing.
 */
@Injectable()
export class ExpireInvoicesJob extends PeriodicJob<number> {
  constructor(
    @Inject(ExpireInvoicesHandler) private readonly handler: ExpireInvoicesHandler,
    @Inject(ECP_INVOICING_CONFIG) config: EcpInvoicingConfig,
    @Inject(CLOCK) clock: Clock,
  ) {
    super('ExpireInvoices', clock, config.ECP_EXPIRY_SWEEP_MS);
  }

  protected async pass(now: Date): Promise<number> {
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
