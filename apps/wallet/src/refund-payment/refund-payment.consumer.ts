import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PaymentRefundRequestedV1, type Envelope, type PayloadOf } from '#contracts';
import { inBatch } from '#messaging';
import { RefundPaymentHandler } from './refund-payment.handler.js';

/** Consumes refund requests from the router: give a debited payment back, at most once. */
@Controller()
export class RefundPaymentConsumer {
  constructor(@Inject(RefundPaymentHandler) private readonly handler: RefundPaymentHandler) {}

  @EventPattern<string[]>(inBatch('wallet.refund-payment', [PaymentRefundRequestedV1.routingKey]))
  handleBatch(@Payload() events: Envelope<PayloadOf<typeof PaymentRefundRequestedV1>>[]): Promise<void> {
    return this.handler.handleBatch(events);
  }

  @EventPattern<string>(PaymentRefundRequestedV1.routingKey)
  handle(@Payload() event: Envelope<PayloadOf<typeof PaymentRefundRequestedV1>>): Promise<void> {
    return this.handler.handle(event);
  }
}
