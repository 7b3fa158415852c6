import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PaymentCompletedV1, PaymentRefundedV1, PaymentRejectedV1, type Envelope, type PayloadOf } from '#contracts';
import { inBatch, PermanentMessageError } from '#messaging';
import {
  RecordPaymentOutcomeHandler,
  type FinalOutcomeEvent,
  type PaymentOutcome,
  type PaymentOutcomeEvent,
} from './record-payment-outcome.handler.js';

type Event<D> = Envelope<PayloadOf<D>>;

/** What each of the router's final events says happened to the payment. */
const OUTCOMES: Record<string, (payload: any) => PaymentOutcome> = {
  [PaymentCompletedV1.type]: () => ({ kind: 'completed' }),
  [PaymentRejectedV1.type]: (p) => ({ kind: 'rejected', reason: p.reason }),
  [PaymentRefundedV1.type]: (p) => ({ kind: 'refunded', reason: p.reason }),
};

function finalOutcomeOf(e: Envelope<PaymentOutcomeEvent>): FinalOutcomeEvent {
  const outcome = OUTCOMES[e.type];
  if (!outcome) throw new PermanentMessageError('NO_HANDLER', `${e.type} is not a payment's final outcome`);
  return { ...e, outcome: outcome(e.payload) };
}

/** Consumes the router's final word on each payment (router → wallet): notices, and autopayment runs' outcomes. */
@Controller()
export class FinalPaymentOutcomeConsumer {
  constructor(@Inject(RecordPaymentOutcomeHandler) private readonly handler: RecordPaymentOutcomeHandler) {}

  @EventPattern<string[]>(
    inBatch('wallet.record-payment-outcome', [
      PaymentCompletedV1.routingKey,
      PaymentRejectedV1.routingKey,
      PaymentRefundedV1.routingKey,
    ]),
  )
  handleBatch(@Payload() events: Envelope<PaymentOutcomeEvent>[]): Promise<void> {
    return this.handler.handleBatch(events.map(finalOutcomeOf));
  }

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
