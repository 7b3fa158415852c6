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
import { inBatch, PermanentMessageError } from '#messaging';
import type { PaymentFact } from '../domain/payment-saga.js';
import { TrackPaymentHandler, type ServiceReport } from './track-payment.handler.js';

type Event<D> = Envelope<PayloadOf<D>>;

/** Each report another service sends about a payment, as a fact for the payment saga. */
const FACTS: Record<string, (payload: any) => PaymentFact> = {
  [WalletPaymentDebitedV1.type]: () => ({ kind: 'debited' }),
  [WalletPaymentRejectedV1.type]: (p) => ({ kind: 'rejected', reason: p.reason }),
  [SochiTopUpCreditedV1.type]: () => ({ kind: 'delivered' }),
  [SochiTopUpRefusedV1.type]: (p) => ({ kind: 'refused', reason: p.reason }),
  [EcpInvoicePaidV1.type]: () => ({ kind: 'delivered' }),
  [EcpInvoicePaymentRefusedV1.type]: (p) => ({ kind: 'refused', reason: p.reason }),
  [WalletPaymentRefundedV1.type]: () => ({ kind: 'refunded' }),
};

function reportOf(e: Envelope<{ paymentId: string }>): ServiceReport {
  const fact = FACTS[e.type];
  if (!fact) throw new PermanentMessageError('NO_HANDLER', `${e.type} is not a report about a payment`);
  return { ...e, fact: fact(e.payload) };
}

/** Consumes the other services' reports about payments (debited, credited, refused, …) and advances each payment. */
@Controller()
export class ServiceReportConsumer {
  constructor(@Inject(TrackPaymentHandler) private readonly handler: TrackPaymentHandler) {}

  @EventPattern<string[]>(
    inBatch('payment-router.advance-payment', [
      WalletPaymentDebitedV1.routingKey,
      WalletPaymentRejectedV1.routingKey,
      SochiTopUpCreditedV1.routingKey,
      SochiTopUpRefusedV1.routingKey,
      EcpInvoicePaidV1.routingKey,
      EcpInvoicePaymentRefusedV1.routingKey,
      WalletPaymentRefundedV1.routingKey,
    ]),
  )
  handleBatch(@Payload() events: Envelope<{ paymentId: string }>[]) {
    return this.handler.handleBatch(events.map(reportOf));
  }

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
