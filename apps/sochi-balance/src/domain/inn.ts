import { INN_PATTERN } from '#contracts';

/** An organization's or individual entrepreneur's taxpayer number (one pattern for every service: libs/contracts). */
export function isInn(value: string): boolean {
  return INN_PATTERN.test(value);
}
