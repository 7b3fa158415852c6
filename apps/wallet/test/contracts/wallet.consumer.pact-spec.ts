import { describe, it } from '@jest/globals';
import {
  PaymentCompletedV1,
  PaymentRefundedV1,
  PaymentRefundRequestedV1,
  PaymentRejectedV1,
  PaymentRequestedV1,
} from '#contracts';
import { consumerRelies, field } from '../../../../test/contract/support/message-pact.js';

/** The messages the wallet relies on, and the fields it reads from each. */
describe('wallet, as a consumer', () => {
  it('relies on payment.requested.v1 to debit or reject a payment', () =>
    consumerRelies(
      'wallet',
      PaymentRequestedV1,
      {
        paymentId: field.uuid(),
        phone: field.phone(),
        service: field.oneOf(['SOCHI', 'ECP']),
        account: field.payeeAccount(),
        amount: field.tyiyn(),
        requestedAt: field.time(),
      },
      false,
    ));

  it('relies on payment.refund-requested.v1 to refund a debited payment once', () =>
    consumerRelies('wallet', PaymentRefundRequestedV1, {
      paymentId: field.uuid(),
      phone: field.phone(),
      amount: field.tyiyn(),
      reason: field.text('UNKNOWN_INN'),
      requestedAt: field.time(),
    }));

  // The outcomes of payments: a notice for the subscriber, and the result of the autopayment run that started one.
  const outcome = {
    paymentId: field.uuid(),
    autopaymentRunId: field.uuid(),
    phone: field.phone(),
    service: field.oneOf(['SOCHI', 'ECP']),
    account: field.payeeAccount(),
    amount: field.tyiyn(),
  };

  it('relies on payment.completed.v1 to notify and to record an autopayment run completed', () =>
    consumerRelies('wallet', PaymentCompletedV1, { ...outcome, completedAt: field.time() }));

  it('relies on payment.rejected.v1 and its reason to notify and to count an autopayment run failed', () =>
    consumerRelies('wallet', PaymentRejectedV1, {
      ...outcome,
      reason: field.text('INSUFFICIENT_FUNDS'),
      rejectedAt: field.time(),
    }));

  it('relies on payment.refunded.v1 and its reason to notify and to count an autopayment run failed', () =>
    consumerRelies('wallet', PaymentRefundedV1, {
      ...outcome,
      reason: field.text('UNKNOWN_INN'),
      refundedAt: field.time(),
    }));
});
