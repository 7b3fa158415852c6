/** Asia/Bishkek is UTC+6 all year (no daylight saving since 2005), so a fixed offset is exact. */
const BISHKEK_OFFSET_MS = 6 * 60 * 60 * 1000;

/** The calendar month, in Asia/Bishkek time, that an instant falls in: "2026-11". */
export function bishkekMonth(at: Date): string {
  return new Date(at.getTime() + BISHKEK_OFFSET_MS).toISOString().slice(0, 7);
}
