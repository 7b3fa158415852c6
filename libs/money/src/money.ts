/** Money inside the system: whole tyiyn (1 som = 100 tyiyn) as bigint. Never a float. */
export type Tyiyn = bigint;

export const TYIYN_PER_SOM = 100n;
/** The largest single amount accepted anywhere (1 000 000.00 som): bigger is a typo or an attack. */
export const MAX_AMOUNT: Tyiyn = 100_000_000n;

const DECIMAL = /^(0|[1-9][0-9]{0,11})(\.[0-9]{1,2})?$/;

export type AmountError = 'NOT_A_DECIMAL' | 'NOT_POSITIVE' | 'TOO_LARGE';

/** Parses a decimal som string ("150", "150.5", "150.00") into tyiyn; at most two decimals, no sign, no exponent. */
export function parseSom(text: string): { ok: true; value: Tyiyn } | { ok: false; error: AmountError } {
  if (typeof text !== 'string' || !DECIMAL.test(text)) return { ok: false, error: 'NOT_A_DECIMAL' };
  const [whole, fraction = ''] = text.split('.');
  const value = BigInt(whole) * TYIYN_PER_SOM + BigInt(fraction.padEnd(2, '0'));
  if (value <= 0n) return { ok: false, error: 'NOT_POSITIVE' };
  if (value > MAX_AMOUNT) return { ok: false, error: 'TOO_LARGE' };
  return { ok: true, value };
}

/** Reads a two-place decimal som string produced by one of our services (zero allowed): "0.00" → 0n. Throws if malformed. */
export function somToTyiyn(text: string): Tyiyn {
  const m = /^(-?)(0|[1-9][0-9]*)\.([0-9]{2})$/.exec(text);
  if (!m) throw new Error(`not a two-place som amount: ${JSON.stringify(text)}`);
  const abs = BigInt(m[2]) * TYIYN_PER_SOM + BigInt(m[3]);
  return m[1] ? -abs : abs;
}

/** Formats tyiyn as the edge's decimal string with two places: 6738n → "67.38", -5n → "-0.05". */
export function formatSom(value: Tyiyn): string {
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / TYIYN_PER_SOM}.${(abs % TYIYN_PER_SOM).toString().padStart(2, '0')}`;
}

/** Tyiyn from the wire's digit string (contracts carry amounts as strings of tyiyn). */
export function tyiynFromWire(digits: string): Tyiyn {
  return BigInt(digits);
}

export function tyiynToWire(value: Tyiyn): string {
  return value.toString();
}
