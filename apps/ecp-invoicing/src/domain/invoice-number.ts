import { randomInt } from 'node:crypto';
import { INVOICE_NUMBER_PATTERN } from '#contracts';

/** Random digits before the check digit; the first of them is never zero, so the number never loses a digit. */
const RANDOM_DIGITS = 15;

/** A source of uniformly random integers in [min, max); node's crypto generator unless a test gives its own. */
export type RandomInt = (min: number, max: number) => number;

/** The Luhn check digit for a string of digits (the digit that, appended, makes the whole string pass Luhn). */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  // Walking from the right, the digit next to the (future) check digit is doubled, then every second one.
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = payload.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the digits, the last being the check digit, pass the Luhn check. */
export function passesLuhn(digits: string): boolean {
  if (!/^[0-9]{2,}$/.test(digits)) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}

/** A well-formed invoice number: 16 digits, first non-zero, valid Luhn check digit. Catches every one-digit typo. */
export function isValidInvoiceNumber(value: string): boolean {
  return INVOICE_NUMBER_PATTERN.test(value) && value[0] !== '0' && passesLuhn(value);
}

/** A fresh invoice number: 15 cryptographically random digits (first non-zero) and a Luhn check digit. */
export function generateInvoiceNumber(random: RandomInt = randomInt): string {
  let payload = String(random(1, 10));
  for (let i = 1; i < RANDOM_DIGITS; i++) payload += String(random(0, 10));
  return payload + String(luhnCheckDigit(payload));
}

/** Thrown when no unused number was found; with 9·10^14 numbers this means a broken generator, not bad luck. */
export class InvoiceNumberExhaustedError extends Error {
  constructor(attempts: number) {
    super(`no unused invoice number after ${attempts} attempts`);
    this.name = 'InvoiceNumberExhaustedError';
  }
}

/**
 * Allocates a unique invoice number: generates one and lets `claim` try to take it (an insert that does nothing on a
 * duplicate), retrying with a new number on collision.
 */
export async function allocateInvoiceNumber(
  claim: (number: string) => Promise<boolean>,
  generate: () => string = generateInvoiceNumber,
  maxAttempts = 5,
): Promise<string> {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const number = generate();
    if (await claim(number)) return number;
  }
  throw new InvoiceNumberExhaustedError(maxAttempts);
}
