import { describe, expect, it } from '@jest/globals';
import type { Clock } from '../clock.js';
import { PeriodicJob } from './periodic-job.js';

const T0 = new Date('2026-11-26T00:00:00Z');
const clock: Clock = { now: () => T0 };

/** A job whose passes end when the test says so, recording the instants they ran at and how many ran at once. */
class GatedJob extends PeriodicJob<string> {
  readonly started: Date[] = [];
  readonly gates: Array<() => void> = [];
  concurrent = 0;
  maxConcurrent = 0;

  constructor() {
    super('Gated', clock, 60_000);
  }

  protected async pass(now: Date): Promise<string> {
    this.started.push(now);
    this.maxConcurrent = Math.max(this.maxConcurrent, ++this.concurrent);
    await new Promise<void>((resolve) => this.gates.push(resolve));
    this.concurrent--;
    return now.toISOString();
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('PeriodicJob', () => {
  it("runs at the clock's now unless given an instant, one pass at a time, a second run after the first", async () => {
    const job = new GatedJob();
    const first = job.run();
    const second = job.run(new Date('2026-11-27T00:00:00Z'));
    await tick();
    expect(job.started).toEqual([T0]);
    job.gates[0]();
    expect(await first).toBe(T0.toISOString());
    await tick();
    job.gates[1]();
    expect(await second).toBe('2026-11-27T00:00:00.000Z');
    expect(job.maxConcurrent).toBe(1);
  });

  it('waits for the pass in progress when the module is destroyed', async () => {
    const job = new GatedJob();
    const pass = job.run();
    await tick();
    let stopped = false;
    const stopping = job.onModuleDestroy().then(() => (stopped = true));
    await tick();
    expect(stopped).toBe(false);
    job.gates[0]();
    await Promise.all([pass, stopping]);
    expect(stopped).toBe(true);
  });
});
