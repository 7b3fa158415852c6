import { describe, expect, it } from '@jest/globals';
import { CommitRiders } from './commit-riders.js';

describe('CommitRiders: marks that ride with the next commit', () => {
  it('hands the waiting statements to one carrier, and tells their owners once it committed', async () => {
    const riders = new CommitRiders();
    const a = riders.ride('UPDATE a', 10_000);
    const b = riders.ride('UPDATE b', 10_000);
    const carrier = {};
    expect(riders.takeFor(carrier)).toEqual(['UPDATE a', 'UPDATE b']);
    expect(riders.takeFor({})).toEqual([]);
    riders.settle(carrier, true);
    await expect(Promise.all([a, b])).resolves.toEqual([true, true]);
  });

  it('tells the owners to write the statement themselves when the carrier rolled back', async () => {
    const riders = new CommitRiders();
    const a = riders.ride('UPDATE a', 10_000);
    const carrier = {};
    riders.takeFor(carrier);
    riders.settle(carrier, false);
    await expect(a).resolves.toBe(false);
  });

  it('gives a statement back when no carrier came in time', async () => {
    const riders = new CommitRiders();
    await expect(riders.ride('UPDATE a', 5)).resolves.toBe(false);
    expect(riders.takeFor({})).toEqual([]);
  });
});
