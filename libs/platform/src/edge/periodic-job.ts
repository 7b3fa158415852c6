import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Clock } from '../clock.js';

/**
 * A pass that every instance of a service runs on a timer (the passes claim their rows with SKIP LOCKED, so
 * instances share the work). Passes of one instance never overlap: a tick is skipped while one runs, and `run`
 * waits for it. A failed pass is logged; the next tick tries again. Stopped, and its pass awaited, before the
 * modules that pass uses are torn down.
 */
export abstract class PeriodicJob<T> implements OnApplicationBootstrap, OnModuleDestroy {
  protected readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running: Promise<T> | null = null;

  protected constructor(
    private readonly jobName: string,
    protected readonly clock: Clock,
    private readonly intervalMs: number,
  ) {
    this.logger = new Logger(jobName);
  }

  /** One pass at the instant given. */
  protected abstract pass(now: Date): Promise<T>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.run().catch((e: Error) =>
        this.logger.warn(`${this.jobName} pass failed, the next one retries: ${e.message}`),
      );
    }, this.intervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass at the clock's now (or the instant given), after the pass in progress if any. */
  async run(now?: Date): Promise<T> {
    while (this.running) await this.running.catch(() => undefined);
    const pass = this.pass(now ?? this.clock.now()).finally(() => (this.running = null));
    this.running = pass;
    return pass;
  }
}
