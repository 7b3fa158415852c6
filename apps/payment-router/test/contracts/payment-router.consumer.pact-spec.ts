import { describe, it } from '@jest/globals';
import {
  EcpInvoicePaidV1,
  EcpInvoicePaymentRefusedV1,
  EcpSignatureProducedV1,
  SochiTopUpCreditedV1,
  SochiTopUpRefusedV1,
  WalletPaymentRefundedV1,
  WalletPaymentRejectedV1,
  WalletAutopaymentDueV1,
} from '#contracts';
import { consumerRelies, field } from '../../../../test/contract/support/message-pact.js';

/**
 * The messages the payment saga relies on, and the fields it reads from each. No debit report: the wallet sends a
 * debited payment on to its payee itself, and the router hears of the debit with the payee's answer.
 */
describe('payment-router, as a consumer', () => {
  it('relies on wallet.payment-rejected.v1 and its reason', () =>
    consumerRelies('payment-router', WalletPaymentRejectedV1, {
      paymentId: field.uuid(),
      phone: field.phone(),
      reason: field.oneOf(['INSUFFICIENT_FUNDS', 'MONTHLY_LIMIT_EXCEEDED', 'WALLET_NOT_FOUND']),
      rejectedAt: field.time(),
    }));

  it('relies on wallet.payment-refunded.v1 to end a payment refunded', () =>
    consumerRelies('payment-router', WalletPaymentRefundedV1, {
      paymentId: field.uuid(),
      phone: field.phone(),
      amount: field.tyiyn(),
      refundedAt: field.time(),
    }));

  it('relies on sochi.top-up-credited.v1 to complete a СОЧИ payment', () =>
    consumerRelies('payment-router', SochiTopUpCreditedV1, {
      paymentId: field.uuid(),
      inn: field.inn(),
      amount: field.tyiyn(),
      creditedAt: field.time(),
    }));

  it('relies on sochi.top-up-refused.v1 and its reason to refund', () =>
    consumerRelies('payment-router', SochiTopUpRefusedV1, {
      paymentId: field.uuid(),
      inn: field.inn(),
      reason: field.oneOf(['UNKNOWN_INN']),
      refusedAt: field.time(),
    }));

  it('relies on ecp.invoice-paid.v1 to complete an ЭЦП payment', () =>
    consumerRelies('payment-router', EcpInvoicePaidV1, {
      paymentId: field.uuid(),
      invoiceNumber: field.invoiceNumber(),
      amount: field.tyiyn('151000'),
      paidAt: field.time(),
    }));

  it('relies on ecp.invoice-payment-refused.v1 and its reason to refund', () =>
    consumerRelies('payment-router', EcpInvoicePaymentRefusedV1, {
      paymentId: field.uuid(),
      invoiceNumber: field.invoiceNumber(),
      reason: field.oneOf(['UNKNOWN_INVOICE', 'INVOICE_ALREADY_PAID', 'AMOUNT_MISMATCH', 'INVOICE_EXPIRED']),
      amountDue: null,
      refusedAt: field.time(),
    }));

  it('relies on wallet.autopayment-due.v1 to create the payment of an autopayment run', () =>
    consumerRelies(
      'payment-router',
      WalletAutopaymentDueV1,
      {
        runId: field.uuid(),
        autopaymentId: field.uuid(),
        phone: field.phone(),
        service: field.oneOf(['SOCHI', 'ECP']),
        account: field.payeeAccount(),
        amount: field.tyiyn(),
        scheduledFor: field.time(),
      },
      false,
    ));

  it('relies on ecp.signature-produced.v1 to record signature production', () =>
    consumerRelies('payment-router', EcpSignatureProducedV1, {
      paymentId: field.uuid(),
      invoiceNumber: field.invoiceNumber(),
      producedAt: field.time(),
    }));
});
