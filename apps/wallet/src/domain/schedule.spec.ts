import { describe, expect, it } from '@jest/globals';
import {
  firstRun,
  nextPeriod,
  nextRun,
  occurrenceIn,
  parseTimeOfDay,
  periodOf,
  scheduleProblem,
  startAtProblem,
  type Schedule,
} from './schedule.js';

const monthly = (dayOfMonth: number, time = '09:00'): Schedule => ({
  kind: 'MONTHLY',
  dayOfMonth,
  minuteOfDay: parseTimeOfDay(time)!,
});
const weekly = (weekday: 'MONDAY' | 'THURSDAY' | 'SUNDAY', time = '08:00'): Schedule => ({
  kind: 'WEEKLY',
  weekday,
  minuteOfDay: parseTimeOfDay(time)!,
});
const at = (iso: string) => new Date(iso);

describe('monthly schedule (Asia/Bishkek, UTC+6)', () => {
  it('runs on its day at its Bishkek time', () => {
    expect(occurrenceIn(monthly(5), '2026-11')).toEqual(at('2026-11-05T03:00:00Z'));
    expect(occurrenceIn(monthly(1, '00:00'), '2026-12')).toEqual(at('2026-11-30T18:00:00Z'));
  });

  it('takes its period from the Bishkek calendar: 18:00 UTC on the last day is already the next month', () => {
    expect(periodOf(monthly(1), at('2026-11-30T17:59:59Z'))).toBe('2026-11');
    expect(periodOf(monthly(1), at('2026-11-30T18:00:00Z'))).toBe('2026-12');
  });

  it('goes on to the next month and over the year', () => {
    expect(nextPeriod(monthly(5), '2026-11')).toBe('2026-12');
    expect(nextPeriod(monthly(5), '2026-12')).toBe('2027-01');
  });

  it('runs this month when the time is still ahead, strictly after now', () => {
    expect(nextRun(monthly(5), at('2026-11-05T02:59:59Z'), null)).toEqual({
      at: at('2026-11-05T03:00:00Z'),
      period: '2026-11',
    });
    expect(nextRun(monthly(5), at('2026-11-05T03:00:00Z'), null)).toEqual({
      at: at('2026-12-05T03:00:00Z'),
      period: '2026-12',
    });
  });

  it('after a run, the next run is in a later period', () => {
    expect(nextRun(monthly(5), at('2026-11-05T03:00:00.200Z'), '2026-11')).toEqual({
      at: at('2026-12-05T03:00:00Z'),
      period: '2026-12',
    });
    // A run started early in its period (startAt) still is that period's run: the 20th of the same month is not paid again.
    expect(nextRun(monthly(20), at('2026-11-03T10:00:00Z'), '2026-11')).toEqual({
      at: at('2026-12-20T03:00:00Z'),
      period: '2026-12',
    });
  });

  it('skips the periods missed during an outage instead of paying them in a burst', () => {
    expect(nextRun(monthly(5), at('2026-11-20T00:00:00Z'), '2026-08')).toEqual({
      at: at('2026-12-05T03:00:00Z'),
      period: '2026-12',
    });
  });

  it('refuses days 29–31, which some months do not have', () => {
    expect(scheduleProblem(monthly(28))).toBeNull();
    for (const day of [0, 29, 30, 31]) expect(scheduleProblem(monthly(day))).toMatch(/1–28/);
  });
});

describe('weekly schedule', () => {
  it('uses ISO weeks of the Bishkek calendar', () => {
    expect(periodOf(weekly('MONDAY'), at('2026-11-26T06:00:00Z'))).toBe('2026-W48');
    // Sunday 23:30 and Monday 00:30 in Bishkek are in different weeks, though both are Sunday in UTC.
    expect(periodOf(weekly('MONDAY'), at('2026-11-29T17:30:00Z'))).toBe('2026-W48');
    expect(periodOf(weekly('MONDAY'), at('2026-11-29T18:30:00Z'))).toBe('2026-W49');
  });

  it('runs on its weekday at its time', () => {
    expect(occurrenceIn(weekly('MONDAY'), '2026-W48')).toEqual(at('2026-11-23T02:00:00Z'));
    expect(occurrenceIn(weekly('SUNDAY', '23:59'), '2026-W48')).toEqual(at('2026-11-29T17:59:00Z'));
  });

  it('crosses a 53-week year', () => {
    expect(nextPeriod(weekly('MONDAY'), '2026-W52')).toBe('2026-W53');
    expect(nextPeriod(weekly('MONDAY'), '2026-W53')).toBe('2027-W01');
    expect(occurrenceIn(weekly('MONDAY'), '2027-W01')).toEqual(at('2027-01-04T02:00:00Z'));
    expect(periodOf(weekly('MONDAY'), at('2027-01-01T06:00:00Z'))).toBe('2026-W53');
  });

  it("runs later this week, or next week once this week's time has passed", () => {
    expect(nextRun(weekly('THURSDAY', '12:00'), at('2026-11-26T05:00:00Z'), null)).toEqual({
      at: at('2026-11-26T06:00:00Z'),
      period: '2026-W48',
    });
    expect(nextRun(weekly('MONDAY'), at('2026-11-26T05:00:00Z'), null)).toEqual({
      at: at('2026-11-30T02:00:00Z'),
      period: '2026-W49',
    });
  });
});

describe('the first run', () => {
  it('is at startAt when given, as the run of the period it falls in', () => {
    const now = at('2026-11-26T06:00:00Z');
    expect(firstRun(monthly(5), now, now)).toEqual({ at: now, period: '2026-11' });
    expect(firstRun(monthly(5), now, null)).toEqual({ at: at('2026-12-05T03:00:00Z'), period: '2026-12' });
  });

  it('accepts startAt from a few minutes ago up to a year ahead', () => {
    const now = at('2026-11-26T06:00:00Z');
    expect(startAtProblem(at('2026-11-26T05:56:00Z'), now)).toBeNull();
    expect(startAtProblem(at('2026-11-26T05:54:00Z'), now)).toMatch(/past/);
    expect(startAtProblem(at('2027-11-28T06:00:00Z'), now)).toMatch(/year/);
  });
});

describe('parseTimeOfDay', () => {
  it.each([
    ['00:00', 0],
    ['09:30', 570],
    ['23:59', 1439],
  ])('reads %s', (text, minute) => expect(parseTimeOfDay(text)).toBe(minute));
  it.each(['24:00', '9:30', '09:60', '0930', ''])('refuses %j', (text) => expect(parseTimeOfDay(text)).toBeNull());
});
