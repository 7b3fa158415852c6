import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, PeriodicJob, type Clock } from '#platform';
import { WALLET_CONFIG, type WalletConfig } from '../wallet.config.js';
import { RunAutopaymentsHandler } from './run-autopayments.handler.js';

/**
 * Every AUTOPAYMENT_TICK_MS, raises the reminders and starts the runs that are due by the injected clock. Every
 * instance ticks; the handler makes that safe. Passes never overlap.
 */
@Injectable()
export class AutopaymentScheduler extends PeriodicJob<void> {
  constructor(
    @Inject(RunAutopaymentsHandler) private readonly handler: RunAutopaymentsHandler,
    @Inject(CLOCK) clock: Clock,
    @Inject(WALLET_CONFIG) config: WalletConfig,
  ) {
    super('AutopaymentScheduler', clock, config.AUTOPAYMENT_TICK_MS);
  }

  protected async pass(now: Date): Promise<void> {
    try {
      const reminded = await this.handler.raiseReminders(now);
      const started = await this.handler.startDueRuns(now);
      if (reminded + started > 0)
        this.logger.log(
          `autopayments at ${now.toISOString()}: ${started} run(s) started, ${reminded} reminder(s) raised`,
        );
    } catch (e) {
      // The next tick tries again; nothing was half done (each batch is one transaction).
      this.logger.warn(`autopayment tick failed: ${(e as Error).message}`);
    }
  }
}
