import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { SochiTopUpRequestedV1, type Envelope, type PayloadOf } from '#contracts';
import { CreditTopUpHandler } from './credit-top-up.handler.js';

@Controller()
export class CreditTopUpConsumer {
  constructor(@Inject(CreditTopUpHandler) private readonly handler: CreditTopUpHandler) {}

  @EventPattern<string>(SochiTopUpRequestedV1.routingKey)
  handle(@Payload() event: Envelope<PayloadOf<typeof SochiTopUpRequestedV1>>): Promise<void> {
    return this.handler.handle(event);
  }
}
