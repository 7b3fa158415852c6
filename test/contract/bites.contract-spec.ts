import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { WalletAutopaymentDueV1, WalletPaymentRefundedV1, WalletPaymentRejectedV1 } from '#contracts';
import { buildEnvelope } from '#messaging';
import { verifyConsumerPact } from './support/message-pact.js';

/**
 * The contract suite bites: a copy of the wallet's rejected-event builder with one field removed, renamed or retyped
 * must fail verification of payment-router's pact, and the failure must name payment-router.
 */
describe('a breaking change to a producer fails the contract of its consumer', () => {
  const now = () => new Date().toISOString();
  const paymentId = randomUUID();
  const cause = { correlationId: paymentId, messageId: randomUUID() };
  const rejected = () =>
    buildEnvelope(
      WalletPaymentRejectedV1,
      { paymentId, phone: '996555000001', reason: 'INSUFFICIENT_FUNDS', rejectedAt: now() },
      'wallet',
      cause,
    );
  const unchanged = {
    'wallet.payment-refunded.v1': () =>
      buildEnvelope(
        WalletPaymentRefundedV1,
        { paymentId, phone: '996555000001', amount: '15000', refundedAt: now() },
        'wallet',
        cause,
      ),
    'wallet.autopayment-due.v1': () =>
      buildEnvelope(
        WalletAutopaymentDueV1,
        {
          runId: paymentId,
          autopaymentId: paymentId,
          phone: '996555000001',
          service: 'SOCHI',
          account: '01234567890123',
          amount: '15000',
          scheduledFor: now(),
        },
        'wallet',
        { correlationId: paymentId },
      ),
  };

  it('passes with the real builder (the control)', async () => {
    await verifyConsumerPact('wallet', 'payment-router', { ...unchanged, 'wallet.payment-rejected.v1': rejected });
  });

  it.each([
    ['removed', (p: Record<string, unknown>) => ({ ...p, reason: undefined })],
    ['renamed', ({ paymentId: id, ...rest }: Record<string, unknown>) => ({ ...rest, payment_id: id })],
    ['retyped', (p: Record<string, unknown>) => ({ ...p, rejectedAt: Date.now() })], // an instant becomes epoch ms
  ])('fails, naming payment-router, when a field is %s', async (_, change) => {
    const broken = () => {
      const e = rejected();
      return JSON.parse(JSON.stringify({ ...e, payload: change(e.payload) }));
    };
    await expect(
      verifyConsumerPact('wallet', 'payment-router', { ...unchanged, 'wallet.payment-rejected.v1': broken }),
    ).rejects.toThrow(/wallet breaks the contract of its consumer payment-router/);
  });
});
