/** A Megacom subscriber's phone, which names the MegaPay wallet: 996 and nine digits. */
export const PHONE_PATTERN = /^996[0-9]{9}$/;

export function isPhone(value: string): boolean {
  return PHONE_PATTERN.test(value);
}
