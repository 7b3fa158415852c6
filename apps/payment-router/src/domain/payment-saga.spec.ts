import { describe, expect, it } from '@jest/globals';
import { react, statusOf, walletAsksPayee, type PaymentStage } from './payment-saga.js';

const at = (stage: PaymentStage, service: 'SOCHI' | 'ECP' = 'SOCHI') => ({ stage, service });

describe('the payment saga', () => {
  it('given a requested payment, when the wallet debits it, then it is delivered to its service', () => {
    expect(react(at('AWAITING_DEBIT', 'ECP'), { kind: 'debited' })).toEqual({
      kind: 'advance',
      stage: 'AWAITING_PAYEE',
      commands: [{ kind: 'deliver', service: 'ECP' }],
    });
  });

  it('given a requested payment, when the wallet rejects it, then it ends rejected with the reason and nothing is sent', () => {
    expect(react(at('AWAITING_DEBIT'), { kind: 'rejected', reason: 'INSUFFICIENT_FUNDS' })).toEqual({
      kind: 'advance',
      stage: 'REJECTED',
      reason: 'INSUFFICIENT_FUNDS',
      commands: [],
    });
  });

  it('given a debited payment, when the payee takes it, then it is completed', () => {
    expect(react(at('AWAITING_PAYEE'), { kind: 'delivered' })).toEqual({
      kind: 'advance',
      stage: 'COMPLETED',
      commands: [],
    });
  });

  it('given a debited payment, when the payee refuses it, then a refund is requested with the reason', () => {
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
    ['AWAITING_PAYEE', 'debited'],
    ['COMPLETED', 'debited'],
    ['REJECTED', 'rejected'],
    ['COMPLETED', 'delivered'],
    ['AWAITING_REFUND', 'refused'],
    ['REFUNDED', 'refused'],
    ['REFUNDED', 'refunded'],
  ] as const)('ignores a repeated fact: %s then %s', (stage, kind) => {
    expect(react(at(stage), { kind, reason: 'X' } as never)).toEqual({ kind: 'ignore' });
  });

  it.each([
    ['REJECTED', 'debited'],
    ['COMPLETED', 'rejected'],
    ['AWAITING_DEBIT', 'delivered'],
    ['REFUNDED', 'delivered'],
    ['AWAITING_DEBIT', 'refused'],
    ['COMPLETED', 'refused'],
    ['AWAITING_PAYEE', 'refunded'],
    ['COMPLETED', 'refunded'],
  ] as const)('never both completes and refunds: %s then %s is impossible', (stage, kind) => {
    expect(react(at(stage, 'ECP'), { kind, reason: 'X' } as never).kind).toBe('impossible');
  });

  describe('a СОЧИ payment, which the wallet sends to sochi-balance itself (routing slip)', () => {
    it('is the one service the wallet routes', () => {
      expect([walletAsksPayee('SOCHI'), walletAsksPayee('ECP')]).toEqual([true, false]);
    });

    it('given a requested payment, when sochi-balance credits it, then it is completed, the debit a step on the way', () => {
      expect(react(at('AWAITING_DEBIT'), { kind: 'delivered' })).toEqual({
        kind: 'advance',
        stage: 'COMPLETED',
        commands: [],
        passed: 'AWAITING_PAYEE',
      });
    });

    it('given a requested payment, when sochi-balance refuses it, then the refund is requested with the reason', () => {
      expect(react(at('AWAITING_DEBIT'), { kind: 'refused', reason: 'UNKNOWN_INN' })).toEqual({
        kind: 'advance',
        stage: 'AWAITING_REFUND',
        reason: 'UNKNOWN_INN',
        commands: [{ kind: 'refund', reason: 'UNKNOWN_INN' }],
        passed: 'AWAITING_PAYEE',
      });
    });

    it('given a requested payment, a debit reported by the wallet is impossible (it asks the payee instead)', () => {
      expect(react(at('AWAITING_DEBIT'), { kind: 'debited' }).kind).toBe('impossible');
    });

    it('given a payment the wallet rejected, the payee cannot answer it', () => {
      expect(react(at('REJECTED'), { kind: 'delivered' }).kind).toBe('impossible');
      expect(react(at('REJECTED'), { kind: 'refused', reason: 'UNKNOWN_INN' }).kind).toBe('impossible');
    });
  });

  it('shows every waiting stage as PENDING', () => {
    expect(['AWAITING_DEBIT', 'AWAITING_PAYEE', 'AWAITING_REFUND'].map((s) => statusOf(s as PaymentStage))).toEqual([
      'PENDING',
      'PENDING',
      'PENDING',
    ]);
    expect(statusOf('REFUNDED')).toBe('REFUNDED');
  });
});
