/** A Megacom subscriber's phone, as the wallet knows it: 996 and nine digits. */
export const PHONE_PATTERN = /^996[0-9]{9}$/;
