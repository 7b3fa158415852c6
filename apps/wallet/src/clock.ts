/** The wallet's notion of now for schedules; injected so that tests can move time instead of waiting for it. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

/** The system time, shifted by a fixed offset (WALLET_CLOCK_OFFSET_MS, zero in production). */
export class SystemClock implements Clock {
  constructor(private readonly offsetMs = 0) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
