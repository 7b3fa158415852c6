import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PaymentCompletedV1, PaymentRefundedV1, PaymentRejectedV1, type Envelope } from '#contracts';
import { inBatch, PermanentMessageError } from '#messaging';
import {
  RecordPaymentOutcomeHandler,
  type FinalOutcomeEvent,
  type PaymentOutcome,
  type PaymentOutcomeEvent,
} from './record-payment-outcome.handler.js';

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

const FINAL = [PaymentCompletedV1.routingKey, PaymentRejectedV1.routingKey, PaymentRefundedV1.routingKey];

/** Consumes the router's final word on each payment (router → wallet): notices, and autopayment runs' outcomes. */
@Controller()
export class FinalPaymentOutcomeConsumer {
  constructor(@Inject(RecordPaymentOutcomeHandler) private readonly handler: RecordPaymentOutcomeHandler) {}

  @EventPattern<string[]>(inBatch('wallet.record-payment-outcome', FINAL))
  handleBatch(@Payload() events: Envelope<PaymentOutcomeEvent>[]): Promise<void> {
    return this.handler.handleBatch(events.map(finalOutcomeOf));
  }

  /** One outcome on its own (a batch that failed is applied again this way). */
  @EventPattern<string[]>(FINAL)
  handle(@Payload() event: Envelope<PaymentOutcomeEvent>): Promise<void> {
    return this.handler.handleBatch([finalOutcomeOf(event)]);
  }
}
