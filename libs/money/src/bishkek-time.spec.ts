import { describe, expect, it } from '@jest/globals';
import { bishkekMonth } from './bishkek-time.js';

describe('bishkekMonth', () => {
  it('counts 18:00 UTC on the last day of a month as the next month in Bishkek', () => {
    expect(bishkekMonth(new Date('2026-11-30T17:59:59.999Z'))).toBe('2026-11');
    expect(bishkekMonth(new Date('2026-11-30T18:00:00.000Z'))).toBe('2026-12');
  });

  it('rolls the year over at Bishkek midnight', () => {
    expect(bishkekMonth(new Date('2026-12-31T17:59:59Z'))).toBe('2026-12');
    expect(bishkekMonth(new Date('2026-12-31T18:00:00Z'))).toBe('2027-01');
  });
});
