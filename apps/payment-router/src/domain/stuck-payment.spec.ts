import { describe, expect, it } from '@jest/globals';
import { awaitedService, isStuck } from './stuck-payment.js';

const requestedAt = new Date('2026-11-30T10:00:00Z');

describe('stuck payments', () => {
  it('counts a payment not final as stuck from the configured time after its request, not a second before', () => {
    expect(isStuck({ stage: 'AWAITING_PAYEE', requestedAt }, new Date('2026-11-30T10:04:59.999Z'), 300)).toBe(false);
    expect(isStuck({ stage: 'AWAITING_PAYEE', requestedAt }, new Date('2026-11-30T10:05:00Z'), 300)).toBe(true);
    expect(isStuck({ stage: 'AWAITING_DEBIT', requestedAt }, new Date('2026-12-01T00:00:00Z'), 300)).toBe(true);
  });

  it.each(['COMPLETED', 'REJECTED', 'REFUNDED'] as const)('never counts a %s payment as stuck', (stage) => {
    expect(isStuck({ stage, requestedAt }, new Date('2027-01-01T00:00:00Z'), 300)).toBe(false);
  });

  it('names the service each stage waits for', () => {
    expect(awaitedService('AWAITING_DEBIT', 'SOCHI')).toBe('wallet');
    expect(awaitedService('AWAITING_PAYEE', 'SOCHI')).toBe('sochi-balance');
    expect(awaitedService('AWAITING_PAYEE', 'ECP')).toBe('ecp-invoicing');
    expect(awaitedService('AWAITING_REFUND', 'ECP')).toBe('wallet');
  });
});
