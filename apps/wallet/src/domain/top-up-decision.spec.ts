import { describe, expect, it } from '@jest/globals';
import { decideTopUp } from './top-up-decision.js';
import { signedAmount } from './ledger.js';
import { isPhone } from './phone.js';

describe('decideTopUp', () => {
  it('applies the first request with a key', () => {
    expect(decideTopUp(null, 15_000n)).toEqual({ kind: 'apply' });
  });
  it('replays a retry of the same request', () => {
    expect(decideTopUp({ amount: 15_000n }, 15_000n)).toEqual({ kind: 'replay' });
  });
  it('refuses the key reused for another amount', () => {
    expect(decideTopUp({ amount: 15_000n }, 15_001n)).toEqual({ kind: 'key-reused' });
  });
});

describe('signedAmount', () => {
  it('shows debits negative and money in positive', () => {
    expect(signedAmount('DEBIT', 15_000n)).toBe(-15_000n);
    expect(signedAmount('TOP_UP', 15_000n)).toBe(15_000n);
    expect(signedAmount('REFUND', 15_000n)).toBe(15_000n);
  });
});

describe('isPhone', () => {
  it.each(['996555000001', '996700123456'])('accepts %s', (v) => expect(isPhone(v)).toBe(true));
  it.each(['99655500000', '9965550000011', '+996555000001', '7965550000012', '99655500000a', ''])('refuses %j', (v) =>
    expect(isPhone(v)).toBe(false),
  );
});
