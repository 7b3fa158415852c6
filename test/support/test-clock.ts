import { jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { CLOCK, type Clock } from '#platform';

/**
 * The clock of a service running in-process (its CLOCK provider), set by a test: frozen at the instant given until
 * moved or released. Tests that depend on the date set it, so they pass on every day of the year.
 */
export class TestClock {
  private at?: number;

  constructor(private readonly clock: Clock) {}

  static of(app: INestApplication): TestClock {
    return new TestClock(app.get(CLOCK));
  }

  /** Stops the clock at `at` (an instant, or ISO text such as '2027-01-31T17:59:30Z'). */
  set(at: Date | string): Date {
    this.at = new Date(at).getTime();
    // spyOn again each time: a jest.restoreAllMocks() between tests removes the previous spy.
    jest.spyOn(this.clock, 'now').mockImplementation(() => new Date(this.at!));
    return new Date(this.at);
  }

  /** Moves the stopped clock forward. */
  advance(ms: number): Date {
    if (this.at === undefined) throw new Error('set the clock before advancing it');
    return this.set(new Date(this.at + ms));
  }

  /** What the service reads now. */
  now(): Date {
    return this.clock.now();
  }

  /** Back to the system time. */
  release(): void {
    this.at = undefined;
    jest.spyOn(this.clock, 'now').mockRestore();
  }
}
