import { describe, it } from '@jest/globals';
import { PaymentRefundRequestedV1, PaymentRequestedV1 } from '#contracts';
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
        account: field.inn(),
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
});
