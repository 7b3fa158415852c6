import { z } from 'zod';
import { formatSom } from '#money';
import { phoneText, somText, timestampText } from '#platform';
import { AUTOPAYMENT_STATUSES, type AutopaymentStatus } from '../domain/autopayment.js';
import { formatTimeOfDay, WEEKDAYS, type Schedule, type Weekday } from '../domain/schedule.js';

export const AUTOPAYMENT_COLUMNS =
  'id, phone, favorite_id, name, service, account, amount, schedule_kind, day_of_month, weekday, minute_of_day, status, ' +
  'consecutive_failures, next_run_at, next_period, reminded_period, created_at, updated_at';
export const RUN_COLUMNS =
  'id, autopayment_id, period, scheduled_for, started_at, amount, status, reason, payment_id, finished_at';

export function scheduleOf(row: Record<string, any>): Schedule {
  return row.schedule_kind === 'MONTHLY'
    ? { kind: 'MONTHLY', dayOfMonth: Number(row.day_of_month), minuteOfDay: Number(row.minute_of_day) }
    : { kind: 'WEEKLY', weekday: row.weekday as Weekday, minuteOfDay: Number(row.minute_of_day) };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const som = (v: string | null) => (v === null ? null : formatSom(BigInt(v)));

/** One run of an autopayment: the payment it started for a period, and how it ended. */
export const runSchema = z.object({
  id: z.string(),
  period: z
    .string()
    .meta({ description: 'The month (YYYY-MM) or ISO week (YYYY-Www) it pays for', example: '2026-11' }),
  scheduledFor: timestampText.nullable(),
  startedAt: timestampText.nullable(),
  status: z.enum(['PENDING', 'COMPLETED', 'FAILED']),
  reason: z.string().nullable().meta({ description: 'Why it failed (INSUFFICIENT_FUNDS, …)' }),
  amount: somText.nullable(),
  paymentId: z.uuid().nullable(),
  finishedAt: timestampText.nullable(),
});
export type Run = z.output<typeof runSchema>;

/** An autopayment as the API shows it. */
export const autopaymentSchema = z.object({
  id: z.uuid(),
  phone: phoneText,
  favoriteId: z.uuid().nullable(),
  name: z.string(),
  service: z.enum(['SOCHI', 'ECP']),
  account: z.string().meta({ example: '01234567890123' }),
  amount: somText.nullable(),
  schedule: z.object({
    kind: z.enum(['MONTHLY', 'WEEKLY']),
    dayOfMonth: z.number().int().min(1).max(31).optional().meta({ description: 'MONTHLY only' }),
    weekday: z.enum(WEEKDAYS).optional().meta({ description: 'WEEKLY only' }),
    time: z
      .string()
      .regex(/^[0-9]{2}:[0-9]{2}$/)
      .meta({ example: '09:00' }),
    timeZone: z.literal('Asia/Bishkek'),
  }),
  status: z.enum(AUTOPAYMENT_STATUSES),
  consecutiveFailures: z.number().int().min(0),
  nextRunAt: timestampText.nullable().meta({ description: 'null unless ACTIVE' }),
  nextPeriod: z.string().nullable().meta({ description: 'null unless ACTIVE' }),
  createdAt: timestampText.nullable(),
  updatedAt: timestampText.nullable(),
  runs: z
    .array(runSchema)
    .optional()
    .meta({ description: 'Not in the list: every run, as GET /autopayments/{id} shows them' }),
});
export type Autopayment = z.output<typeof autopaymentSchema>;

/** The subscriber's autopayments, each with its last run. */
export const autopaymentListSchema = z.object({
  items: z.array(
    autopaymentSchema.extend({ lastRun: runSchema.nullable().meta({ description: 'null before the first run' }) }),
  ),
});
export type AutopaymentList = z.output<typeof autopaymentListSchema>;

export function runView(r: Record<string, any>): Run {
  return {
    id: r.id as string,
    period: r.period as string,
    scheduledFor: iso(r.scheduled_for),
    startedAt: iso(r.started_at),
    status: r.status as 'PENDING' | 'COMPLETED' | 'FAILED',
    reason: (r.reason as string | null) ?? null,
    amount: som(r.amount),
    paymentId: (r.payment_id as string | null) ?? null,
    finishedAt: iso(r.finished_at),
  };
}

/** An autopayment as the API shows it: its schedule, its next run (while active) and, when given, its past runs. */
export function autopaymentView(row: Record<string, any>, runs?: Record<string, any>[]): Autopayment {
  const schedule = scheduleOf(row);
  const status = row.status as AutopaymentStatus;
  return {
    id: row.id as string,
    phone: row.phone as string,
    favoriteId: (row.favorite_id as string | null) ?? null,
    name: row.name as string,
    service: row.service as 'SOCHI' | 'ECP',
    account: row.account as string,
    amount: som(row.amount),
    schedule: {
      kind: schedule.kind,
      ...(schedule.kind === 'MONTHLY' ? { dayOfMonth: schedule.dayOfMonth } : { weekday: schedule.weekday }),
      time: formatTimeOfDay(schedule.minuteOfDay),
      timeZone: 'Asia/Bishkek',
    },
    status,
    consecutiveFailures: Number(row.consecutive_failures),
    nextRunAt: status === 'ACTIVE' ? iso(row.next_run_at) : null,
    nextPeriod: status === 'ACTIVE' ? (row.next_period as string) : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    ...(runs ? { runs: runs.map(runView) } : {}),
  };
}
