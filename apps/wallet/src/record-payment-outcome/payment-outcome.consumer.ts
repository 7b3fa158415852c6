import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PaymentCompletedV1, PaymentRefundedV1, PaymentRejectedV1, type Envelope, type PayloadOf } from '#contracts';
import { RecordPaymentOutcomeHandler } from './record-payment-outcome.handler.js';

type Event<D> = Envelope<PayloadOf<D>>;

/** Consumes the router's final word on each payment: notifications, and the outcome of autopayment runs. */
@Controller()
export class PaymentOutcomeConsumer {
  constructor(@Inject(RecordPaymentOutcomeHandler) private readonly handler: RecordPaymentOutcomeHandler) {}

  @EventPattern<string>(PaymentCompletedV1.routingKey)
  completed(@Payload() e: Event<typeof PaymentCompletedV1>): Promise<void> {
    return this.handler.handle(e, { kind: 'completed' });
  }

  @EventPattern<string>(PaymentRejectedV1.routingKey)
  rejected(@Payload() e: Event<typeof PaymentRejectedV1>): Promise<void> {
    return this.handler.handle(e, { kind: 'rejected', reason: e.payload.reason });
  }

  @EventPattern<string>(PaymentRefundedV1.routingKey)
  refunded(@Payload() e: Event<typeof PaymentRefundedV1>): Promise<void> {
    return this.handler.handle(e, { kind: 'refunded', reason: e.payload.reason });
  }
}
