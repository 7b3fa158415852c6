import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CLOCK, type Clock } from '#platform';
import { WALLET_CONFIG, type WalletConfig } from '../wallet.config.js';
import { RunAutopaymentsHandler } from './run-autopayments.handler.js';

/**
 * Every AUTOPAYMENT_TICK_MS, raises the reminders and starts the runs that are due by the injected clock. Every
 * instance ticks; the handler makes that safe. Passes never overlap.
 */
@Injectable()
export class AutopaymentScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AutopaymentScheduler');
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(RunAutopaymentsHandler) private readonly handler: RunAutopaymentsHandler,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WALLET_CONFIG) private readonly config: WalletConfig,
  ) {}

  onApplicationBootstrap(): void {
    // A timer tick is skipped while the previous pass still runs.
    this.timer = setInterval(() => void (this.running || this.tick()), this.config.AUTOPAYMENT_TICK_MS);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass at the clock's now (or the instant given), after the pass in progress if any; resolves when it is done. */
  async tick(now?: Date): Promise<void> {
    while (this.running) await this.running;
    const pass = this.pass(now ?? this.clock.now()).finally(() => {
      this.running = null;
    });
    this.running = pass;
    await pass;
  }

  private async pass(now: Date): Promise<void> {
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
