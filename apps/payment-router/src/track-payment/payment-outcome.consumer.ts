import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  EcpInvoicePaidV1,
  EcpInvoicePaymentRefusedV1,
  EcpSignatureProducedV1,
  SochiTopUpCreditedV1,
  SochiTopUpRefusedV1,
  WalletPaymentDebitedV1,
  WalletPaymentRefundedV1,
  WalletPaymentRejectedV1,
  type Envelope,
  type PayloadOf,
} from '#contracts';
import { AdvancePaymentHandler } from './advance-payment.handler.js';

type Event<D> = Envelope<PayloadOf<D>>;

/** Maps each service's report about a payment to a fact for the payment saga. */
@Controller()
export class PaymentOutcomeConsumer {
  constructor(@Inject(AdvancePaymentHandler) private readonly handler: AdvancePaymentHandler) {}

  @EventPattern<string>(WalletPaymentDebitedV1.routingKey)
  debited(@Payload() e: Event<typeof WalletPaymentDebitedV1>) {
    return this.handler.handle(e, { kind: 'debited' });
  }

  @EventPattern<string>(WalletPaymentRejectedV1.routingKey)
  rejected(@Payload() e: Event<typeof WalletPaymentRejectedV1>) {
    return this.handler.handle(e, { kind: 'rejected', reason: e.payload.reason });
  }

  @EventPattern<string>(SochiTopUpCreditedV1.routingKey)
  credited(@Payload() e: Event<typeof SochiTopUpCreditedV1>) {
    return this.handler.handle(e, { kind: 'delivered' });
  }

  @EventPattern<string>(SochiTopUpRefusedV1.routingKey)
  sochiRefused(@Payload() e: Event<typeof SochiTopUpRefusedV1>) {
    return this.handler.handle(e, { kind: 'refused', reason: e.payload.reason });
  }

  @EventPattern<string>(EcpInvoicePaidV1.routingKey)
  invoicePaid(@Payload() e: Event<typeof EcpInvoicePaidV1>) {
    return this.handler.handle(e, { kind: 'delivered' });
  }

  @EventPattern<string>(EcpInvoicePaymentRefusedV1.routingKey)
  ecpRefused(@Payload() e: Event<typeof EcpInvoicePaymentRefusedV1>) {
    return this.handler.handle(e, { kind: 'refused', reason: e.payload.reason });
  }

  @EventPattern<string>(WalletPaymentRefundedV1.routingKey)
  refunded(@Payload() e: Event<typeof WalletPaymentRefundedV1>) {
    return this.handler.handle(e, { kind: 'refunded' });
  }

  @EventPattern<string>(EcpSignatureProducedV1.routingKey)
  signatureProduced(@Payload() e: Event<typeof EcpSignatureProducedV1>) {
    return this.handler.recordSignature(e);
  }
}
