import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PaymentRequestedV1, type Envelope, type PayloadOf } from '#contracts';
import { DebitPaymentHandler } from './debit-payment.handler.js';

/** Consumes payment requests from the router: debit the wallet or reject the payment. */
@Controller()
export class DebitPaymentConsumer {
  constructor(@Inject(DebitPaymentHandler) private readonly handler: DebitPaymentHandler) {}

  @EventPattern<string>(PaymentRequestedV1.routingKey)
  handle(@Payload() event: Envelope<PayloadOf<typeof PaymentRequestedV1>>): Promise<void> {
    return this.handler.handle(event);
  }
}
