import { describe, expect, it } from '@jest/globals';
import { paymentStory } from './payment-story.js';

describe("a payment's story across the four services", () => {
  it("puts every service's record on one line of time, oldest first", () => {
    const story = paymentStory({
      router: [
        { at: '2026-11-29T04:00:00.000Z', service: 'payment-router', step: 'REQUESTED', reason: null },
        { at: '2026-11-29T04:00:01.000Z', service: 'wallet', step: 'AWAITING_PAYEE', reason: null },
        { at: '2026-11-29T04:00:02.000Z', service: 'sochi-balance', step: 'COMPLETED', reason: null },
      ],
      walletLines: [{ kind: 'DEBIT', amount: '-500.00', createdAt: '2026-11-29T04:00:00.500Z' }],
      sochiCredits: [{ amount: '500.00', at: '2026-11-29T04:00:01.500Z' }],
      invoiceHistory: [],
    });
    expect(story.map((e) => `${e.service} ${e.step}`)).toEqual([
      'payment-router REQUESTED',
      'wallet DEBIT',
      'wallet AWAITING_PAYEE',
      'sochi-balance SOCHI_CREDIT',
      'sochi-balance COMPLETED',
    ]);
  });

  it("keeps the router's step first on equal times, and names the invoice's transitions", () => {
    const story = paymentStory({
      router: [{ at: '2026-11-29T04:00:00.000Z', step: 'AWAITING_DEBIT', reason: null }],
      walletLines: [],
      sochiCredits: [],
      invoiceHistory: [{ status: 'PAID', at: '2026-11-29T04:00:00.000Z', cause: 'payment' }],
    });
    expect(story.map((e) => `${e.service} ${e.step}`)).toEqual([
      'payment-router AWAITING_DEBIT',
      'ecp-invoicing INVOICE_PAID',
    ]);
  });
});
