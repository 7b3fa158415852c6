import { describe, expect, it } from '@jest/globals';
import { react, statusOf, type PaymentStage } from './payment-saga.js';

const at = (stage: PaymentStage, service: 'SOCHI' | 'ECP' = 'SOCHI') => ({ stage, service });

describe('the payment saga (the wallet sends a debited payment to its payee itself: a routing slip)', () => {
  it.each(['SOCHI', 'ECP'] as const)(
    'given a requested %s payment, when the payee takes it, then it is completed, the debit a step on the way',
    (service) => {
      expect(react(at('AWAITING_DEBIT', service), { kind: 'delivered' })).toEqual({
        kind: 'advance',
        stage: 'COMPLETED',
        commands: [],
        passed: 'AWAITING_PAYEE',
      });
    },
  );

  it.each(['SOCHI', 'ECP'] as const)(
    'given a requested %s payment, when the payee refuses it, then a refund is requested with the reason',
    (service) => {
      expect(react(at('AWAITING_DEBIT', service), { kind: 'refused', reason: 'UNKNOWN_INN' })).toEqual({
        kind: 'advance',
        stage: 'AWAITING_REFUND',
        reason: 'UNKNOWN_INN',
        commands: [{ kind: 'refund', reason: 'UNKNOWN_INN' }],
        passed: 'AWAITING_PAYEE',
      });
    },
  );

  it('given a requested payment, when the wallet rejects it, then it ends rejected with the reason and nothing is sent', () => {
    expect(react(at('AWAITING_DEBIT'), { kind: 'rejected', reason: 'INSUFFICIENT_FUNDS' })).toEqual({
      kind: 'advance',
      stage: 'REJECTED',
      reason: 'INSUFFICIENT_FUNDS',
      commands: [],
    });
  });

  it('given a payment a release before the slip left awaiting its payee, the answer moves it on as it did', () => {
    expect(react(at('AWAITING_PAYEE', 'ECP'), { kind: 'delivered' })).toEqual({
      kind: 'advance',
      stage: 'COMPLETED',
      commands: [],
    });
    expect(react(at('AWAITING_PAYEE'), { kind: 'refused', reason: 'UNKNOWN_INN' })).toEqual({
      kind: 'advance',
      stage: 'AWAITING_REFUND',
      reason: 'UNKNOWN_INN',
      commands: [{ kind: 'refund', reason: 'UNKNOWN_INN' }],
    });
  });

  it('given a refund in progress, when the wallet refunds, then it ends refunded', () => {
    expect(react(at('AWAITING_REFUND'), { kind: 'refunded' })).toEqual({
      kind: 'advance',
      stage: 'REFUNDED',
      commands: [],
    });
  });

  it.each([
    ['REJECTED', 'rejected'],
    ['COMPLETED', 'delivered'],
    ['AWAITING_REFUND', 'refused'],
    ['REFUNDED', 'refused'],
    ['REFUNDED', 'refunded'],
  ] as const)('ignores a repeated fact: %s then %s', (stage, kind) => {
    expect(react(at(stage), { kind, reason: 'X' } as never)).toEqual({ kind: 'ignore' });
  });

  it.each([
    ['COMPLETED', 'rejected'],
    ['AWAITING_PAYEE', 'rejected'],
    ['REJECTED', 'delivered'],
    ['REFUNDED', 'delivered'],
    ['REJECTED', 'refused'],
    ['COMPLETED', 'refused'],
    ['AWAITING_DEBIT', 'refunded'],
    ['AWAITING_PAYEE', 'refunded'],
    ['COMPLETED', 'refunded'],
  ] as const)(
    'never both completes and refunds, nor answers a rejected payment: %s then %s is impossible',
    (stage, kind) => {
      expect(react(at(stage, 'ECP'), { kind, reason: 'X' } as never).kind).toBe('impossible');
    },
  );

  it('shows every waiting stage as PENDING', () => {
    expect(['AWAITING_DEBIT', 'AWAITING_PAYEE', 'AWAITING_REFUND'].map((s) => statusOf(s as PaymentStage))).toEqual([
      'PENDING',
      'PENDING',
      'PENDING',
    ]);
    expect(statusOf('REFUNDED')).toBe('REFUNDED');
  });
});
