import { describe, it } from '@jest/globals';
import { EcpInvoicePaymentRequestedV1 } from '#contracts';
import { consumerRelies, field } from '../../../../test/contract/support/message-pact.js';

/** The messages ecp-invoicing relies on from other services, and the fields it reads from each. */
describe('ecp-invoicing, as a consumer', () => {
  it('relies on ecp.invoice-payment-requested.v1 to pay an invoice', () =>
    consumerRelies('ecp-invoicing', EcpInvoicePaymentRequestedV1, {
      paymentId: field.uuid(),
      invoiceNumber: field.invoiceNumber(),
      amount: field.tyiyn('151000'),
      payerPhone: field.phone(),
      requestedAt: field.time(),
    }));
});
