import { describe, expect, it } from '@jest/globals';
import { decideTopUp } from './top-up-decision.js';
import { isInn } from './inn.js';

describe('decideTopUp', () => {
  it('credits a known organization', () => {
    expect(decideTopUp(true, false, 15000n)).toEqual({ kind: 'credit', amount: 15000n });
  });
  it('refuses an unknown INN so that the wallet is refunded', () => {
    expect(decideTopUp(false, false, 15000n)).toEqual({ kind: 'refuse', reason: 'UNKNOWN_INN' });
  });
  it('does nothing for a payment already credited', () => {
    expect(decideTopUp(true, true, 15000n)).toEqual({ kind: 'already-credited' });
  });
});

describe('isInn', () => {
  it.each(['01234567890123', '99999999999999'])('accepts %s', (v) => expect(isInn(v)).toBe(true));
  it.each(['0123456789012', '012345678901234', '0123456789012a', ' 01234567890123', ''])('refuses %j', (v) =>
    expect(isInn(v)).toBe(false),
  );
});
