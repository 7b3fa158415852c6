import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FinalPayments } from '../observability/final-payments.js';

/**
 * How often the payments long-polled here are re-read, all in one query: only for a final step committed by another
 * instance (this one's own are told at once by FinalPayments), so a quarter second at most is added to those.
 */
const RECHECK_MS = 250;

export interface Waiting {
  /** Resolves when the payment is known final, or when the wait is over; never rejects. */
  readonly done: Promise<void>;
  cancel(): void;
}

/**
 * The long-polls of GET /v1/payments/{id}?wait: woken in-process when this instance commits the payment's final step,
 * otherwise by one re-read of every waited payment every RECHECK_MS — one query for all, not a poll per waiter.
 */
@Injectable()
export class PaymentWaiters implements OnModuleInit, OnApplicationShutdown {
  private readonly waiting = new Map<string, Set<() => void>>();
  private timer?: NodeJS.Timeout;
  private rechecking = false;
  private unlisten?: () => void;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(FinalPayments) private readonly finals: FinalPayments,
  ) {}

  onModuleInit(): void {
    this.unlisten = this.finals.listen((id) => this.wake(id));
  }

  onApplicationShutdown(): void {
    this.unlisten?.();
    for (const id of [...this.waiting.keys()]) this.wake(id);
  }

  /** Starts waiting before the payment is read, so that a final step committed meanwhile is not missed. */
  wait(paymentId: string, ms: number): Waiting {
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const timeout = setTimeout(() => finish(), ms);
    const finish = () => {
      clearTimeout(timeout);
      const set = this.waiting.get(paymentId);
      set?.delete(finish);
      if (set?.size === 0) this.waiting.delete(paymentId);
      if (this.waiting.size === 0) this.stopRechecking();
      release();
    };
    const set = this.waiting.get(paymentId) ?? new Set();
    set.add(finish);
    this.waiting.set(paymentId, set);
    this.timer ??= setInterval(() => void this.recheck(), RECHECK_MS);
    return { done, cancel: finish };
  }

  private wake(paymentId: string): void {
    for (const finish of [...(this.waiting.get(paymentId) ?? [])]) finish();
  }

  private stopRechecking(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async recheck(): Promise<void> {
    if (this.rechecking || this.waiting.size === 0) return;
    this.rechecking = true;
    try {
      const final: { id: string }[] = await this.db.query(
        `SELECT id FROM payments WHERE id = ANY($1::uuid[]) AND stage IN ('COMPLETED', 'REJECTED', 'REFUNDED')`,
        [[...this.waiting.keys()]],
      );
      for (const { id } of final) this.wake(id);
    } catch {
      // The next re-read tries again; a waiter's own timeout answers it meanwhile.
    } finally {
      this.rechecking = false;
    }
  }
}
