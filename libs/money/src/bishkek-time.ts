/** Asia/Bishkek is UTC+6 all year (no daylight saving since 2005), so a fixed offset is exact. */
export const BISHKEK_OFFSET_MS = 6 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

const CALENDAR_DATE = /^([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

/** Whether the text is a real calendar date "YYYY-MM-DD" (no 31 April). */
export function isCalendarDate(text: string): boolean {
  const m = CALENDAR_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** The instant a Bishkek calendar day begins: "2026-11-26" → 2026-11-25T18:00:00Z. */
export function bishkekDayStart(date: string): Date {
  if (!isCalendarDate(date)) throw new Error(`not a calendar date: ${date}`);
  return new Date(Date.parse(`${date}T00:00:00Z`) - BISHKEK_OFFSET_MS);
}

/** The Bishkek calendar day and wall-clock time of an instant: { date: "2026-11-26", time: "09:30" }. */
export function bishkekWallClock(at: Date): { date: string; time: string } {
  const local = new Date(at.getTime() + BISHKEK_OFFSET_MS).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

/** The calendar month, in Asia/Bishkek time, that an instant falls in: "2026-11". */
export function bishkekMonth(at: Date): string {
  return new Date(at.getTime() + BISHKEK_OFFSET_MS).toISOString().slice(0, 7);
}
