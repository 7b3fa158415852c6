import { expect } from '@jest/globals';
import type pg from 'pg';
import { eventually } from '../../support/eventually.js';

/**
 * The envelope a producer's real code wrote to its outbox for one payment: what a provider verification hands to
 * Pact, so the contract is checked against the code that writes the rows, not against a hand-made sample.
 */
export async function outboxed(db: pg.Client, type: string, paymentId: string): Promise<Record<string, unknown>> {
  return eventually(async () => {
    const { rows } = await db.query(
      `SELECT envelope FROM outbox WHERE type = $1 AND envelope->'payload'->>'paymentId' = $2`,
      [type, paymentId],
    );
    expect(rows).toHaveLength(1);
    return rows[0].envelope;
  });
}

/** A 16-digit number with a valid Luhn check digit, as ecp-invoicing issues them. */
export function luhnValid(prefix15: string): string {
  const digits = prefix15.split('').map(Number);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits[digits.length - 1 - i];
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return `${prefix15}${(10 - (sum % 10)) % 10}`;
}
