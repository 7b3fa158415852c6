import { formatSom } from '#money';
import type { AutopaymentStatus } from '../domain/autopayment.js';
import { formatTimeOfDay, type Schedule, type Weekday } from '../domain/schedule.js';

export const AUTOPAYMENT_COLUMNS =
  'id, phone, favorite_id, name, service, account, amount, schedule_kind, day_of_month, weekday, minute_of_day, status, ' +
  'consecutive_failures, next_run_at, next_period, reminded_period, created_at, updated_at';
export const RUN_COLUMNS = 'id, autopayment_id, period, scheduled_for, started_at, amount, status, reason, payment_id, finished_at';

export function scheduleOf(row: Record<string, any>): Schedule {
  return row.schedule_kind === 'MONTHLY'
    ? { kind: 'MONTHLY', dayOfMonth: Number(row.day_of_month), minuteOfDay: Number(row.minute_of_day) }
    : { kind: 'WEEKLY', weekday: row.weekday as Weekday, minuteOfDay: Number(row.minute_of_day) };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const som = (v: string | null) => (v === null ? null : formatSom(BigInt(v)));

export function runView(r: Record<string, any>) {
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
export function autopaymentView(row: Record<string, any>, runs?: Record<string, any>[]) {
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
