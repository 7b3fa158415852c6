import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PaymentRequestedV1, type Envelope, type PayloadOf } from '#contracts';
import { inBatch } from '#messaging';
import { DebitPaymentHandler } from './debit-payment.handler.js';

type PaymentRequested = Envelope<PayloadOf<typeof PaymentRequestedV1>>;

/** Consumes payment requests from the router: debit the wallet or reject the payment. */
@Controller()
export class DebitPaymentConsumer {
  constructor(@Inject(DebitPaymentHandler) private readonly handler: DebitPaymentHandler) {}

  @EventPattern<string[]>(inBatch('wallet.debit-payment', [PaymentRequestedV1.routingKey]))
  handleBatch(@Payload() events: PaymentRequested[]): Promise<void> {
    return this.handler.handleBatch(events);
  }

  @EventPattern<string>(PaymentRequestedV1.routingKey)
  handle(@Payload() event: PaymentRequested): Promise<void> {
    return this.handler.handle(event);
  }
}
