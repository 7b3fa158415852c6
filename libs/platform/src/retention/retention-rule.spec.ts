import { describe, expect, it } from '@jest/globals';
import { cutoffOf } from './retention-rule.js';

describe('cutoffOf', () => {
  const now = new Date('2026-03-10T12:00:00Z');

  it('is the window before now', () => {
    expect(cutoffOf(now, 3600)).toEqual(new Date('2026-03-10T11:00:00Z'));
  });

  it('is held back to an earlier moment that still needs the rows', () => {
    const parkedLongAgo = new Date('2026-01-01T00:00:00Z');
    expect(cutoffOf(now, 3600, parkedLongAgo)).toEqual(parkedLongAgo);
  });

  it('ignores a hold later than the window', () => {
    expect(cutoffOf(now, 3600, new Date('2026-03-10T11:30:00Z'))).toEqual(new Date('2026-03-10T11:00:00Z'));
    expect(cutoffOf(now, 3600, null)).toEqual(new Date('2026-03-10T11:00:00Z'));
  });
});
