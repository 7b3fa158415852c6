import { describe, expect, it } from '@jest/globals';
import { bishkekInputToIso, bishkekTime, bishkekToday, som } from './format.js';

describe('the back office formats', () => {
  it('writes amounts as Russian som with grouped thousands, never through a float', () => {
    expect(som('1234.56')).toBe('1 234,56 сом');
    expect(som('0.10')).toBe('0,10 сом');
    expect(som('100000000.00')).toBe('100 000 000,00 сом');
    expect(som('-150.00')).toBe('−150,00 сом');
    expect(som(null)).toBe('—');
  });

  it('shows instants as Bishkek wall time (UTC+6)', () => {
    expect(bishkekTime('2026-11-29T18:30:05.000Z')).toBe('30.11.2026, 00:30:05');
    expect(bishkekInputToIso('2026-11-30T00:30')).toBe('2026-11-29T18:30:00.000Z');
    expect(bishkekToday(new Date('2026-11-29T18:00:00.000Z'))).toBe('2026-11-30');
  });
});
