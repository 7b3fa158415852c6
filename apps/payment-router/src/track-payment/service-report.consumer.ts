import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  EcpInvoicePaidV1,
  EcpInvoicePaymentRefusedV1,
  EcpSignatureProducedV1,
  SochiTopUpCreditedV1,
  SochiTopUpRefusedV1,
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

/** The reports that advance a payment's saga. */
const REPORTS = [
  WalletPaymentRejectedV1.routingKey,
  SochiTopUpCreditedV1.routingKey,
  SochiTopUpRefusedV1.routingKey,
  EcpInvoicePaidV1.routingKey,
  EcpInvoicePaymentRefusedV1.routingKey,
  WalletPaymentRefundedV1.routingKey,
];

/** Consumes the other services' reports about payments (rejected, credited, paid, refused, refunded) and advances each. */
@Controller()
export class ServiceReportConsumer {
  constructor(@Inject(TrackPaymentHandler) private readonly handler: TrackPaymentHandler) {}

  @EventPattern<string[]>(inBatch('payment-router.advance-payment', REPORTS))
  handleBatch(@Payload() events: Envelope<{ paymentId: string }>[]) {
    return this.handler.handleBatch(events.map(reportOf));
  }

  /** One report on its own (a batch that failed is applied again this way). */
  @EventPattern<string[]>(REPORTS)
  handle(@Payload() event: Envelope<{ paymentId: string }>) {
    return this.handler.handle(event, reportOf(event).fact);
  }

  @EventPattern<string>(EcpSignatureProducedV1.routingKey)
  signatureProduced(@Payload() e: Event<typeof EcpSignatureProducedV1>) {
    return this.handler.recordSignature(e);
  }
}
