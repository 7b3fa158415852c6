import { describe, expect, it } from '@jest/globals';
import { waitingFor } from './waiting-for.js';

describe('waitingFor', () => {
  it('names the step a pending payment waits for, by its service', () => {
    // The wallet sends a debited payment on to its payee itself: either may be the one not answering.
    expect(waitingFor('AWAITING_DEBIT', 'SOCHI')).toBe('wallet debit and СОЧИ credit');
    expect(waitingFor('AWAITING_DEBIT', 'ECP')).toBe('wallet debit and ЭЦП invoice payment');
    expect(waitingFor('AWAITING_PAYEE', 'SOCHI')).toBe('СОЧИ credit');
    expect(waitingFor('AWAITING_PAYEE', 'ECP')).toBe('ЭЦП invoice payment');
    expect(waitingFor('AWAITING_REFUND', 'ECP')).toBe('wallet refund');
  });

  it('is null once the payment is final', () => {
    for (const stage of ['COMPLETED', 'REJECTED', 'REFUNDED'] as const) expect(waitingFor(stage, 'SOCHI')).toBeNull();
  });
});
