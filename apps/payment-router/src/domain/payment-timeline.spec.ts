import { describe, expect, it } from '@jest/globals';
import { timelineStep } from './payment-timeline.js';

describe('timelineStep', () => {
  it('gives the request to the router, the debit, its refusal and the refund to the wallet', () => {
    expect(timelineStep('AWAITING_DEBIT', 'SOCHI')).toEqual({ step: 'REQUESTED', service: 'payment-router' });
    expect(timelineStep('AWAITING_PAYEE', 'SOCHI')).toEqual({ step: 'DEBITED', service: 'wallet' });
    expect(timelineStep('REJECTED', 'ECP')).toEqual({ step: 'DEBIT_REJECTED', service: 'wallet' });
    expect(timelineStep('REFUNDED', 'ECP')).toEqual({ step: 'REFUNDED', service: 'wallet' });
  });

  it("gives the payee's answer to the payee's service", () => {
    expect(timelineStep('COMPLETED', 'SOCHI')).toEqual({ step: 'CREDITED', service: 'sochi-balance' });
    expect(timelineStep('COMPLETED', 'ECP')).toEqual({ step: 'INVOICE_PAID', service: 'ecp-invoicing' });
    expect(timelineStep('AWAITING_REFUND', 'ECP')).toEqual({ step: 'PAYEE_REFUSED', service: 'ecp-invoicing' });
    expect(timelineStep('AWAITING_REFUND', 'SOCHI')).toEqual({ step: 'PAYEE_REFUSED', service: 'sochi-balance' });
  });
});
