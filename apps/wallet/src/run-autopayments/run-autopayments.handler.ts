import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WalletAutopaymentDueV1 } from '#contracts';
import { Outbox } from '#messaging';
import { autopaymentReminderText } from '../domain/notification-text.js';
import { nextRun, REMINDER_LEAD_MS } from '../domain/schedule.js';
import { autopaymentMetrics } from '../observability/autopayment-metrics.js';
import { AUTOPAYMENT_COLUMNS, scheduleOf } from '../persistence/autopayment-view.js';
import { raiseNotification } from '../persistence/notification-rows.js';
import { WALLET_CONFIG, type WalletConfig } from '../wallet.config.js';

/**
 * The scheduler's work, safe to run on every instance at once: due autopayments are claimed with
 * FOR UPDATE SKIP LOCKED, and each run is a unique (autopayment, period) row committed together with its
 * wallet.autopayment-due event, so a run starts exactly once whatever crashes or races.
 */
@Injectable()
export class RunAutopaymentsHandler {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(WALLET_CONFIG) private readonly config: WalletConfig,
  ) {}

  /** Starts every run due at `now`; returns how many started. */
  async startDueRuns(now: Date): Promise<number> {
    let started = 0;
    for (;;) {
      const { claimed, inserted } = await this.db.transaction(async (tx) => {
        const due: Record<string, any>[] = await tx.query(
          `SELECT ${AUTOPAYMENT_COLUMNS} FROM autopayments WHERE status = 'ACTIVE' AND next_run_at <= $1
            ORDER BY next_run_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [now, this.config.AUTOPAYMENT_BATCH_SIZE],
        );
        let inserted = 0;
        for (const a of due) {
          const runId = randomUUID();
          const run = await tx.query(
            `INSERT INTO autopayment_runs (id, autopayment_id, period, scheduled_for, started_at, service, account, amount, status)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'PENDING') ON CONFLICT (autopayment_id, period) DO NOTHING RETURNING id`,
            [runId, a.id, a.next_period, a.next_run_at, now, a.service, a.account, a.amount],
          );
          if (run.length === 1) {
            inserted++;
            await this.outbox.append(
              tx,
              WalletAutopaymentDueV1,
              {
                runId,
                autopaymentId: a.id,
                phone: a.phone,
                service: a.service,
                account: a.account,
                amount: a.amount === null ? null : String(a.amount),
                scheduledFor: new Date(a.next_run_at).toISOString(),
              },
              { correlationId: runId },
            );
          }
          const next = nextRun(scheduleOf(a), now, a.next_period);
          await tx.query(
            `UPDATE autopayments SET next_run_at = $2, next_period = $3, updated_at = now() WHERE id = $1`,
            [a.id, next.at, next.period],
          );
        }
        return { claimed: due.length, inserted };
      });
      started += inserted;
      autopaymentMetrics.started(inserted);
      if (claimed < this.config.AUTOPAYMENT_BATCH_SIZE) return started;
    }
  }

  /** Raises the reminder of every run due within a day of `now`, once per run; returns how many were raised. */
  async raiseReminders(now: Date): Promise<number> {
    let raised = 0;
    for (;;) {
      const claimed = await this.db.transaction(async (tx) => {
        const soon: Record<string, any>[] = await tx.query(
          `SELECT ${AUTOPAYMENT_COLUMNS} FROM autopayments
            WHERE status = 'ACTIVE' AND next_run_at > $1 AND next_run_at <= $2 AND reminded_period IS DISTINCT FROM next_period
            ORDER BY next_run_at, id LIMIT $3 FOR UPDATE SKIP LOCKED`,
          [now, new Date(now.getTime() + REMINDER_LEAD_MS), this.config.AUTOPAYMENT_BATCH_SIZE],
        );
        for (const a of soon) {
          const amount = a.amount === null ? null : BigInt(a.amount);
          const message = autopaymentReminderText(
            a.name,
            { service: a.service, account: a.account, amount },
            new Date(a.next_run_at),
          );
          const dedupeKey = `AUTOPAYMENT_REMINDER:${a.id}:${a.next_period}`;
          const cause = { correlationId: a.id };
          if (
            await raiseNotification(
              tx,
              this.outbox,
              {
                phone: a.phone,
                kind: 'AUTOPAYMENT_REMINDER',
                message,
                amount,
                paymentId: null,
                autopaymentId: a.id,
                dedupeKey,
                at: now,
              },
              cause,
            )
          ) {
            raised++;
          }
          await tx.query(`UPDATE autopayments SET reminded_period = next_period WHERE id = $1`, [a.id]);
        }
        return soon.length;
      });
      if (claimed < this.config.AUTOPAYMENT_BATCH_SIZE) return raised;
    }
  }
}
