/** An instant given as Asia/Bishkek wall-clock time (UTC+6 all year): bishkek('2027-01-31 23:59:30'). */
export function bishkek(wallClock: string): Date {
  const at = new Date(`${wallClock.replace(' ', 'T')}+06:00`);
  if (Number.isNaN(at.getTime())) throw new Error(`not a Bishkek time: ${wallClock}`);
  return at;
}

/** The month edges every calendar-sensitive rule is checked at: the last day of a month and the first of the next. */
export const MONTH_EDGES = [
  { lastDay: '2026-11-30', firstDay: '2026-12-01', oldMonth: '2026-11', newMonth: '2026-12' },
  { lastDay: '2026-12-31', firstDay: '2027-01-01', oldMonth: '2026-12', newMonth: '2027-01' },
  { lastDay: '2027-02-28', firstDay: '2027-03-01', oldMonth: '2027-02', newMonth: '2027-03' },
] as const;
