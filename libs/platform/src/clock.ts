/**
 * A service's notion of now. Every rule that depends on the time — the Bishkek month a debit counts in, when an
 * autopayment is due, when an invoice expires, the day a ledger entry falls on — reads this clock and nothing else,
 * so a test sets the time it needs instead of depending on the day it runs. PostgreSQL's now() stamps only
 * bookkeeping columns that no rule reads (outbox, inbox, updated_at); see docs/calendar.md.
 */
export interface Clock {
  now(): Date;
}

/** Nest injection token of the service's Clock. */
export const CLOCK = Symbol('CLOCK');

/** The system time, shifted by a fixed offset (CLOCK_OFFSET_MS: zero in production; tests and demos only). */
export class SystemClock implements Clock {
  constructor(private readonly offsetMs = 0) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
