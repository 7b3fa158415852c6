import { PHONE_PATTERN } from '#contracts';

/** A Megacom subscriber's phone, which names the MegaPay wallet (one pattern for every service: libs/contracts). */
export function isPhone(value: string): boolean {
  return PHONE_PATTERN.test(value);
}
