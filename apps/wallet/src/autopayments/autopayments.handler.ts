import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApiError, CLOCK, type Clock } from '#platform';
import { autopaymentAmount, changeStatus, type StatusChange } from '../domain/autopayment.js';
import { firstRun, nextRun, startAtProblem } from '../domain/schedule.js';
import { favoriteNotFound } from '../favorites/favorites.handler.js';
import { requireWallet } from '../persistence/wallet-rows.js';
import { AUTOPAYMENT_COLUMNS, RUN_COLUMNS, scheduleOf } from './autopayment.view.js';
import type { CreateAutopaymentRequest } from './autopayment.request.js';

/** How many past runs the API shows with an autopayment. */
const RUNS_SHOWN = 50;

/** Sets up, reads, pauses, resumes and cancels autopayments; the scheduler runs them. */
@Injectable()
export class AutopaymentsHandler {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(phone: string, request: CreateAutopaymentRequest): Promise<Record<string, any>> {
    return this.db.transaction(async (tx) => {
      await requireWallet(tx, phone);
      // FOR SHARE: the favorite cannot be deleted while an autopayment is being set up on it.
      const [favorite] = await tx.query(
        `SELECT id, name, service, account, amount FROM favorites WHERE phone = $1 AND id = $2 FOR SHARE`,
        [phone, request.favoriteId],
      );
      if (!favorite) throw favoriteNotFound(phone, request.favoriteId);
      const amount = autopaymentAmount(
        favorite.service,
        request.amount,
        favorite.amount === null ? null : BigInt(favorite.amount),
      );
      if (amount.kind === 'amount-required') {
        throw invalid(
          'amount',
          'AMOUNT_REQUIRED',
          'a СОЧИ autopayment needs an amount: the favorite has none, so send one',
        );
      }
      const now = this.clock.now();
      const startProblem = request.startAt && startAtProblem(request.startAt, now);
      if (startProblem) throw invalid('startAt', 'INVALID_START_AT', startProblem);
      const first = firstRun(request.schedule, now, request.startAt);
      const s = request.schedule;
      const [row] = await tx.query(
        `INSERT INTO autopayments (id, phone, favorite_id, name, service, account, amount, schedule_kind, day_of_month, weekday, minute_of_day,
                                   status, next_run_at, next_period)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'ACTIVE', $12, $13) RETURNING ${AUTOPAYMENT_COLUMNS}`,
        [
          randomUUID(),
          phone,
          favorite.id,
          favorite.name,
          favorite.service,
          favorite.account,
          amount.amount?.toString() ?? null,
          s.kind,
          s.kind === 'MONTHLY' ? s.dayOfMonth : null,
          s.kind === 'WEEKLY' ? s.weekday : null,
          s.minuteOfDay,
          first.at,
          first.period,
        ],
      );
      return row;
    });
  }

  async list(phone: string): Promise<{ row: Record<string, any>; lastRun: Record<string, any> | null }[]> {
    await requireWallet(this.db.manager, phone);
    const rows: Record<string, any>[] = await this.db.query(
      `SELECT ${AUTOPAYMENT_COLUMNS} FROM autopayments WHERE phone = $1 ORDER BY created_at, id`,
      [phone],
    );
    const lastRuns: Record<string, any>[] = await this.db.query(
      `SELECT DISTINCT ON (autopayment_id) ${RUN_COLUMNS} FROM autopayment_runs WHERE autopayment_id = ANY($1::uuid[])
        ORDER BY autopayment_id, started_at DESC`,
      [rows.map((r) => r.id)],
    );
    return rows.map((row) => ({ row, lastRun: lastRuns.find((r) => r.autopayment_id === row.id) ?? null }));
  }

  async get(phone: string, id: string): Promise<{ row: Record<string, any>; runs: Record<string, any>[] }> {
    const [row] = await this.db.query(`SELECT ${AUTOPAYMENT_COLUMNS} FROM autopayments WHERE phone = $1 AND id = $2`, [
      phone,
      id,
    ]);
    if (!row) throw autopaymentNotFound(phone, id);
    const runs = await this.db.query(
      `SELECT ${RUN_COLUMNS} FROM autopayment_runs WHERE autopayment_id = $1 ORDER BY started_at DESC LIMIT $2`,
      [id, RUNS_SHOWN],
    );
    return { row, runs };
  }

  /**
   * Pauses, resumes or cancels. Resuming clears the failure count; if the stored next run has passed meanwhile, the
   * next one is the schedule's next run after now (the periods missed while paused are not paid).
   */
  async change(phone: string, id: string, change: StatusChange): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [row] = await tx.query(
        `SELECT ${AUTOPAYMENT_COLUMNS} FROM autopayments WHERE phone = $1 AND id = $2 FOR UPDATE`,
        [phone, id],
      );
      if (!row) throw autopaymentNotFound(phone, id);
      const decision = changeStatus(row.status, change);
      if (decision.kind === 'refused') throw new ApiError(409, decision.code, `autopayment ${id} is cancelled`);
      if (decision.kind === 'unchanged') return;
      if (decision.status !== 'ACTIVE') {
        await tx.query(`UPDATE autopayments SET status = $2, updated_at = now() WHERE id = $1`, [id, decision.status]);
        return;
      }
      const now = this.clock.now();
      let next = { at: new Date(row.next_run_at), period: row.next_period as string };
      if (next.at.getTime() <= now.getTime()) {
        const [last] = await tx.query(`SELECT max(period) AS period FROM autopayment_runs WHERE autopayment_id = $1`, [
          id,
        ]);
        next = nextRun(scheduleOf(row), now, last?.period ?? null);
      }
      await tx.query(
        `UPDATE autopayments SET status = 'ACTIVE', consecutive_failures = 0, next_run_at = $2, next_period = $3, updated_at = now() WHERE id = $1`,
        [id, next.at, next.period],
      );
    });
  }
}

function autopaymentNotFound(phone: string, id: string): ApiError {
  return new ApiError(404, 'AUTOPAYMENT_NOT_FOUND', `wallet ${phone} has no autopayment ${id}`);
}

function invalid(field: string, code: string, message: string): ApiError {
  return new ApiError(400, 'VALIDATION_FAILED', `${field}: ${message}`, { errors: [{ field, code, message }] });
}
