import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Outbox } from '#messaging';
import { signedHeaders, sql } from '#platform';
import { PAYMENT_ROUTER_CONFIG, type PaymentRouterConfig } from '../payment-router.config.js';
import { retryDelayMs, type PartnerCallback } from '../persistence/partner-callbacks.js';
import { postToPartner } from './partner-post.js';

/** Rows one sweep takes at most. */
const SWEEP_BATCH = 100;
/** Beyond the delivery timeout, how long a row sent by its committing process stays out of the other sweeps. */
const LEASE_MARGIN_S = 5;
/** How long a "delivered" mark waits to ride with the COMMIT of the router's next transaction (`CommitRiders`). */
const MARK_RIDE_MS = 100;

type Outcome = { paymentId: string; ok: true } | { paymentId: string; ok: false; error: string };

/**
 * Delivers the final-status callbacks to the partner (PARTNER_CALLBACK_URL): the process that committed a payment's
 * final step sends its callback right after the COMMIT (`committed`); every instance also sweeps the rows due — retries
 * with backoff, and rows whose committing process died before delivering — claimed with `FOR UPDATE SKIP LOCKED` and a
 * lease, so several instances share them. A 2xx acknowledges; anything else is retried for ever, so none is lost; the
 * partner deduplicates on Idempotency-Key (the payment id), since a delivery whose mark was lost is sent again.
 */
@Injectable()
export class PartnerCallbackSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PartnerCallbacks');
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private sweepAgain = false;
  /** Deliveries acknowledged and not yet marked: marked together, one statement for many. */
  private acknowledged: string[] = [];
  private marking?: Promise<void>;
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(PAYMENT_ROUTER_CONFIG) private readonly config: PaymentRouterConfig,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  /** Whether callbacks go out at all (PARTNER_CALLBACK_URL set). */
  get enabled(): boolean {
    return this.config.PARTNER_CALLBACK_URL !== undefined;
  }

  /** How long the committing process has to deliver before the sweeps of the others take the row. */
  get sentAfterCommitS(): number {
    return Math.ceil(this.config.PARTNER_CALLBACK_TIMEOUT_MS / 1000) + LEASE_MARGIN_S;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.timer = setInterval(() => this.sweep(), this.config.PARTNER_CALLBACK_SWEEP_MS);
    this.timer.unref();
    this.sweep();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.allSettled([...this.inFlight, this.sweeping]);
    await this.flushMarks().catch(() => undefined);
  }

  /** Sends the callback of a payment whose final step this process has just committed. */
  committed(callback: PartnerCallback): void {
    if (!this.enabled || this.stopped) return;
    this.track(this.deliver([{ ...callback, attempts: 1 }]));
  }

  /** Takes the rows due and delivers them; one sweep at a time per instance, another right after if asked meanwhile. */
  sweep(): void {
    if (this.stopped) return;
    if (this.sweeping) {
      this.sweepAgain = true;
      return;
    }
    this.sweeping = (async () => {
      do {
        this.sweepAgain = false;
        const claimed = await this.claimDue();
        await this.deliver(claimed);
        if (claimed.length === SWEEP_BATCH) this.sweepAgain = true;
      } while (this.sweepAgain && !this.stopped);
    })()
      .catch((e: Error) => this.logger.warn(`partner callback sweep failed, the next one retries: ${e.message}`))
      .finally(() => (this.sweeping = undefined));
  }

  private track(delivery: Promise<void>): void {
    const tracked = delivery
      .catch((e: Error) => this.logger.warn(`partner callback delivery failed, a sweep retries: ${e.message}`))
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  /** Claims due rows: leased (next_attempt_at moved past the delivery's timeout) and counted as an attempt. */
  private async claimDue(): Promise<(PartnerCallback & { attempts: number })[]> {
    const result = await this.db.query(
      `WITH due AS (
         SELECT payment_id FROM partner_callbacks
          WHERE delivered_at IS NULL AND next_attempt_at <= now()
          ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       UPDATE partner_callbacks c SET next_attempt_at = now() + make_interval(secs => $1), attempts = c.attempts + 1
         FROM due WHERE c.payment_id = due.payment_id
       RETURNING c.payment_id, c.body, c.attempts`,
      [this.sentAfterCommitS, SWEEP_BATCH],
    );
    // TypeORM answers an UPDATE with [rows, count].
    const rows = (Array.isArray(result[0]) ? result[0] : result) as {
      payment_id: string;
      body: string;
      attempts: number;
    }[];
    return rows.map((r) => ({ paymentId: r.payment_id, body: r.body, attempts: r.attempts }));
  }

  private async deliver(callbacks: (PartnerCallback & { attempts: number })[]): Promise<void> {
    if (callbacks.length === 0) return;
    const outcomes = await Promise.all(callbacks.map((c) => this.post(c)));
    const failed: (Outcome & { ok: false; attempts: number })[] = [];
    outcomes.forEach((o, i) => {
      if (o.ok) this.acknowledged.push(o.paymentId);
      else failed.push({ ...o, attempts: callbacks[i]!.attempts });
    });
    if (failed.length > 0) await this.reschedule(failed);
    await this.flushMarks();
  }

  private async post(callback: PartnerCallback): Promise<Outcome> {
    const url = this.config.PARTNER_CALLBACK_URL!;
    try {
      const sent = { 'content-type': 'application/json', 'idempotency-key': callback.paymentId };
      const signed = await signedHeaders(this.config.PARTNER_CALLBACK_KEY, {
        method: 'POST',
        url,
        body: callback.body,
        headers: sent,
      });
      const answer = await postToPartner(
        url,
        { ...sent, ...signed },
        callback.body,
        this.config.PARTNER_CALLBACK_TIMEOUT_MS,
      );
      if ('error' in answer) return { paymentId: callback.paymentId, ok: false, error: answer.error };
      return answer.status >= 200 && answer.status < 300
        ? { paymentId: callback.paymentId, ok: true }
        : { paymentId: callback.paymentId, ok: false, error: `HTTP ${answer.status}` };
    } catch (e) {
      return { paymentId: callback.paymentId, ok: false, error: (e as Error).message };
    }
  }

  /** Failed deliveries wait their backoff; the error stays on the row for staff. */
  private async reschedule(failed: { paymentId: string; error: string; attempts: number }[]): Promise<void> {
    const { PARTNER_CALLBACK_BACKOFF_MS: first, PARTNER_CALLBACK_BACKOFF_CAP_MS: cap } = this.config;
    await this.db.query(
      `UPDATE partner_callbacks c
          SET next_attempt_at = now() + make_interval(secs => f.delay_s), last_error = f.error,
              attempts = GREATEST(c.attempts, f.attempts)
         FROM unnest($1::uuid[], $2::float8[], $3::text[], $4::int[]) AS f(payment_id, delay_s, error, attempts)
        WHERE c.payment_id = f.payment_id AND c.delivered_at IS NULL`,
      [
        failed.map((f) => f.paymentId),
        failed.map((f) => retryDelayMs(f.attempts, first, cap) / 1000),
        failed.map((f) => f.error.slice(0, 500)),
        failed.map((f) => f.attempts),
      ],
    );
  }

  /**
   * Marks acknowledged deliveries, many in one statement; one marking at a time, the next takes what came meanwhile.
   * A mark lost to a crash only means the callback is sent again, which the partner's Idempotency-Key absorbs.
   */
  private async flushMarks(): Promise<void> {
    while (this.acknowledged.length > 0) {
      if (this.marking) {
        await this.marking;
        continue;
      }
      const ids = this.acknowledged;
      this.acknowledged = [];
      const mark = sql`UPDATE partner_callbacks SET delivered_at = now(), last_error = NULL, attempts = GREATEST(attempts, 1)
                        WHERE payment_id IN (${sql.list(ids)}) AND delivered_at IS NULL`;
      // At load the mark rides with the next payment's COMMIT; alone, it is a statement of its own.
      this.marking = this.outbox.riders
        .ride(mark.inline(), MARK_RIDE_MS)
        .then(async (rode) => {
          if (!rode) await this.db.query(mark.inline());
        })
        .then(
          () => undefined,
          (e: Error) => {
            // Not marked: the row is due again once its lease ends and is sent again; nothing is lost.
            this.logger.warn(`marking ${ids.length} partner callback(s) delivered failed: ${e.message}`);
          },
        )
        .finally(() => (this.marking = undefined));
      await this.marking;
    }
  }
}
