import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, type Clock } from '#platform';
import { PAYMENT_ROUTER_CONFIG, type PaymentRouterConfig } from '../payment-router.config.js';
import { NoticeStuckPaymentsHandler, STUCK_BATCH, type NoticedPayment } from './notice-stuck-payments.handler.js';

/**
 * Every PAYMENT_STUCK_SWEEP_MS, notices the payments not final PAYMENT_STUCK_AFTER_S after their request: one
 * `payment.stuck` event and one warning line each, once per payment. Every instance runs it; the claim skips rows
 * another instance holds, so they share the work and never notice a payment twice.
 */
@Injectable()
export class NoticeStuckPaymentsJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('StuckPayments');
  private timer?: NodeJS.Timeout;
  private running?: Promise<NoticedPayment[]>;

  constructor(
    @Inject(NoticeStuckPaymentsHandler) private readonly handler: NoticeStuckPaymentsHandler,
    @Inject(PAYMENT_ROUTER_CONFIG) private readonly config: PaymentRouterConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () =>
        void this.sweep().catch((e: Error) =>
          this.logger.warn(`stuck payments sweep failed, next one retries: ${e.message}`),
        ),
      this.config.PAYMENT_STUCK_SWEEP_MS,
    );
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Notices every payment stuck now, batch by batch; one sweep at a time per instance. */
  sweep(now: Date = this.clock.now()): Promise<NoticedPayment[]> {
    this.running ??= this.sweepAll(now).finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepAll(now: Date): Promise<NoticedPayment[]> {
    const all: NoticedPayment[] = [];
    for (;;) {
      const { claimed, noticed } = await this.handler.noticeBatch(now, this.config.PAYMENT_STUCK_AFTER_S, STUCK_BATCH);
      // Logged after the commit, so a line always matches an event in the outbox.
      for (const p of noticed) {
        this.logger.warn(
          `payment ${p.paymentId} stuck: ${p.stage} (waiting for ${p.waitingFor}) since ${p.stageSince}, requested ${p.requestedAt}, ` +
            `${p.service} ${p.account}, ${p.amount} tyiyn`,
        );
      }
      all.push(...noticed);
      if (claimed < STUCK_BATCH) break;
    }
    return all;
  }
}
