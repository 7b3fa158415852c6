import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { Envelope, PayloadOf } from '#contracts';
import { SmsTopUpRequestedV1 } from '../../../../contracts/sms-top-up-requested.event.js';
import type { CreditTopUpHandler } from './credit-top-up.handler.js';

/** The thin adapter, step 3: one routing key from the contract, one handler, nothing else. */
@Controller()
export class CreditTopUpConsumer {
  constructor(private readonly handler: CreditTopUpHandler) {}

  @EventPattern<string>(SmsTopUpRequestedV1.routingKey)
  async handle(@Payload() event: Envelope<PayloadOf<typeof SmsTopUpRequestedV1>>): Promise<void> {
    await this.handler.decide(event);
  }
}
