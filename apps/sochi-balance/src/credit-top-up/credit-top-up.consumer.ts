import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { SochiTopUpRequestedV1, type Envelope, type PayloadOf } from '#contracts';
import { inBatch } from '#messaging';
import { CreditTopUpHandler } from './credit-top-up.handler.js';

type TopUpRequested = Envelope<PayloadOf<typeof SochiTopUpRequestedV1>>;

/** Consumes the router's СОЧИ top-ups: credit the organization or refuse. */
@Controller()
export class CreditTopUpConsumer {
  constructor(@Inject(CreditTopUpHandler) private readonly handler: CreditTopUpHandler) {}

  @EventPattern<string[]>(inBatch('sochi-balance.credit-top-up', [SochiTopUpRequestedV1.routingKey]))
  handleBatch(@Payload() events: TopUpRequested[]): Promise<void> {
    return this.handler.handleBatch(events);
  }

  @EventPattern<string>(SochiTopUpRequestedV1.routingKey)
  handle(@Payload() event: TopUpRequested): Promise<void> {
    return this.handler.handle(event);
  }
}
