import { BISHKEK_OFFSET_MS, DAY_MS } from '#money';

export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Days 29–31 do not exist in every month, so a monthly schedule takes 1–28 only (see docs/wallet-and-sochi.md). */
export const MAX_DAY_OF_MONTH = 28;

/**
 * When an autopayment runs, in Asia/Bishkek wall-clock time: monthly on a day 1–28, or weekly on a weekday, at a
 * minute of the day. Each run belongs to one period — the month ("2026-11") or the ISO week ("2026-W48") — and an
 * autopayment runs at most once per period.
 */
export type Schedule =
  | { kind: 'MONTHLY'; dayOfMonth: number; minuteOfDay: number }
  | { kind: 'WEEKLY'; weekday: Weekday; minuteOfDay: number };

/** A scheduled run: when it is due and the period it is the run of. */
export interface ScheduledRun {
  at: Date;
  period: string;
}

const TIME = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;

/** "09:30" → 570; null when not a 24-hour HH:MM time. */
export function parseTimeOfDay(text: string): number | null {
  const m = TIME.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function formatTimeOfDay(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}

/** The schedule's own consistency; null when valid, else why not. */
export function scheduleProblem(schedule: Schedule): string | null {
  if (!Number.isInteger(schedule.minuteOfDay) || schedule.minuteOfDay < 0 || schedule.minuteOfDay >= 24 * 60)
    return 'time of day out of range';
  if (schedule.kind === 'MONTHLY') {
    if (!Number.isInteger(schedule.dayOfMonth) || schedule.dayOfMonth < 1 || schedule.dayOfMonth > MAX_DAY_OF_MONTH) {
      return `a monthly autopayment runs on a day 1–${MAX_DAY_OF_MONTH}`;
    }
  } else if (!WEEKDAYS.includes(schedule.weekday)) return 'unknown weekday';
  return null;
}

/** An instant shifted so that its UTC fields read as the Bishkek wall clock. */
const local = (at: Date) => new Date(at.getTime() + BISHKEK_OFFSET_MS);

/** The ISO week ("2026-W48") of a Bishkek calendar day; weeks start on Monday and week 1 holds the year's first Thursday. */
function isoWeek(localDay: Date): string {
  const day = Date.UTC(localDay.getUTCFullYear(), localDay.getUTCMonth(), localDay.getUTCDate());
  const mondayBased = (new Date(day).getUTCDay() + 6) % 7;
  const thursday = new Date(day + (3 - mondayBased) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The period an instant falls in for this schedule: its Bishkek month or ISO week. */
export function periodOf(schedule: Schedule, at: Date): string {
  const l = local(at);
  return schedule.kind === 'MONTHLY' ? l.toISOString().slice(0, 7) : isoWeek(l);
}

/** The instant the schedule's run of a period is due. */
export function occurrenceIn(schedule: Schedule, period: string): Date {
  const minute = schedule.minuteOfDay * 60_000;
  if (schedule.kind === 'MONTHLY') {
    const [y, m] = period.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, schedule.dayOfMonth) + minute - BISHKEK_OFFSET_MS);
  }
  const [, y, w] = /^([0-9]{4})-W([0-9]{2})$/.exec(period)!.map(Number);
  const jan4 = Date.UTC(y, 0, 4);
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const day = mondayOfWeek1 + (w - 1) * 7 * DAY_MS + WEEKDAYS.indexOf(schedule.weekday) * DAY_MS;
  return new Date(day + minute - BISHKEK_OFFSET_MS);
}

/** The period after this one. */
export function nextPeriod(schedule: Schedule, period: string): string {
  if (schedule.kind === 'MONTHLY') {
    const [y, m] = period.split('-').map(Number);
    return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  return periodOf(schedule, new Date(occurrenceIn(schedule, period).getTime() + 7 * DAY_MS));
}

/**
 * The next run due strictly after `now`, in a period after `lastRunPeriod` (the period of the autopayment's latest
 * run, if any). Periods whose run time already passed are skipped: after an outage (or a late run) the autopayment
 * does not pay the missed periods in a burst, it goes on with the next run still ahead.
 */
export function nextRun(schedule: Schedule, now: Date, lastRunPeriod: string | null): ScheduledRun {
  let period = periodOf(schedule, now);
  if (lastRunPeriod !== null && period <= lastRunPeriod) period = nextPeriod(schedule, lastRunPeriod);
  while (occurrenceIn(schedule, period).getTime() <= now.getTime()) period = nextPeriod(schedule, period);
  return { at: occurrenceIn(schedule, period), period };
}

/**
 * The first run of a new autopayment: at `startAt` when given (it may be now: "pay now, then on schedule"), as the
 * run of the period it falls in; otherwise the schedule's next run after `now`.
 */
export function firstRun(schedule: Schedule, now: Date, startAt: Date | null): ScheduledRun {
  return startAt ? { at: startAt, period: periodOf(schedule, startAt) } : nextRun(schedule, now, null);
}

/** How far `startAt` may lie in the past (clock skew between the app and us) and in the future. */
export const START_AT_PAST_TOLERANCE_MS = 5 * 60_000;
export const START_AT_MAX_AHEAD_MS = 366 * DAY_MS;

export function startAtProblem(startAt: Date, now: Date): string | null {
  if (startAt.getTime() < now.getTime() - START_AT_PAST_TOLERANCE_MS) return 'startAt is in the past';
  if (startAt.getTime() > now.getTime() + START_AT_MAX_AHEAD_MS) return 'startAt is more than a year ahead';
  return null;
}

/** A reminder goes out once per run, within this time before it. */
export const REMINDER_LEAD_MS = DAY_MS;
