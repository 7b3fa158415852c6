/** The back office's Russian formats: amounts from the services' decimal strings (never through a float), times in Bishkek. */

/** "1234.56" → "1 234,56 сом"; "-150.00" → "−150,00 сом". */
export function som(decimal: string | null | undefined): string {
  if (decimal === null || decimal === undefined || decimal === '') return '—';
  const negative = decimal.startsWith('-');
  const [whole, fraction = '00'] = (negative ? decimal.slice(1) : decimal).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${negative ? '−' : ''}${grouped},${fraction.padEnd(2, '0').slice(0, 2)} сом`;
}

const DATE_TIME = new Intl.DateTimeFormat('ru-RU', {
  timeZone: 'Asia/Bishkek',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const HOUR = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Asia/Bishkek', hour: '2-digit', minute: '2-digit' });

/** An ISO instant as Bishkek wall time: "29.11.2026, 10:00:00". */
export function bishkekTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return DATE_TIME.format(new Date(iso));
}

export function bishkekHour(iso: string): string {
  return HOUR.format(new Date(iso));
}

/** A Bishkek wall time "YYYY-MM-DDTHH:mm" (a datetime-local field) as an ISO instant (Bishkek is UTC+6 all year). */
export function bishkekInputToIso(local: string): string {
  return new Date(`${local}:00+06:00`).toISOString();
}

/** Today's date in Bishkek, YYYY-MM-DD. */
export function bishkekToday(now = new Date()): string {
  return new Date(now.getTime() + 6 * 3600_000).toISOString().slice(0, 10);
}
