import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Clock } from '../clock.js';
import { cutoffOf, type RetentionRule } from './retention-rule.js';

export interface RetentionSettings {
  RETENTION_ENABLED: boolean;
  RETENTION_INTERVAL_MS: number;
  RETENTION_BATCH_SIZE: number;
  RETENTION_MAX_BATCHES: number;
}

/**
 * Forgets what the service no longer needs, table by table, on a timer. Each DELETE takes at most a batch of rows
 * (a short transaction of its own, row locks only) picked with SKIP LOCKED, so every instance may run the job at once
 * and none waits for another or for the service's own writes.
 */
export class RetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly settings: RetentionSettings,
    readonly rules: RetentionRule[],
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.RETENTION_ENABLED) this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass over every table; returns the rows deleted per table. */
  async runOnce(): Promise<Record<string, number>> {
    const [{ now }] = await this.db.query(`SELECT now() AS now`);
    const deleted: Record<string, number> = {};
    for (const rule of this.rules) {
      if (this.stopped) break;
      deleted[rule.table] = await this.prune(rule, rule.stampedBy === 'database' ? new Date(now) : this.clock.now());
    }
    return deleted;
  }

  private async prune(rule: RetentionRule, now: Date): Promise<number> {
    let heldBackTo: Date | null = null;
    if (rule.heldBackBy) {
      const [{ until }] = await this.db.query(rule.heldBackBy);
      heldBackTo = until ? new Date(until) : null;
    }
    const cutoff = cutoffOf(now, rule.keepS, heldBackTo);
    if (heldBackTo && cutoff === heldBackTo)
      this.logger.warn(`${rule.table}: kept since ${heldBackTo.toISOString()}, held back by an open parked message`);
    let total = 0;
    for (let batch = 0; batch < this.settings.RETENTION_MAX_BATCHES && !this.stopped; batch++) {
      // TypeORM answers a DELETE with [rows, affected count].
      const [, count]: [unknown, number] = await this.db.query(
        `DELETE FROM ${rule.table} WHERE ctid = ANY(ARRAY(${rule.victims}))`,
        [cutoff, this.settings.RETENTION_BATCH_SIZE],
      );
      total += count;
      if (count < this.settings.RETENTION_BATCH_SIZE) break;
    }
    if (total > 0) this.logger.log(`${rule.table}: ${total} row(s) older than ${cutoff.toISOString()} deleted`);
    return total;
  }

  private schedule(): void {
    const interval = this.settings.RETENTION_INTERVAL_MS;
    this.timer = setTimeout(
      () => {
        this.running = this.runOnce()
          .catch((e: Error) => this.logger.warn(`retention run failed, next in ${interval} ms: ${e.message}`))
          .finally(() => !this.stopped && this.schedule());
      },
      interval + Math.random() * interval * 0.1,
    );
    this.timer.unref();
  }
}
