import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { WalletAutopaymentDueV1, type Envelope, type PayloadOf } from '#contracts';
import { StartAutopaymentHandler } from './start-autopayment.handler.js';

/** Consumes the wallet's due autopayment runs: each becomes one ordinary payment. */
@Controller()
export class AutopaymentDueConsumer {
  constructor(@Inject(StartAutopaymentHandler) private readonly handler: StartAutopaymentHandler) {}

  @EventPattern<string>(WalletAutopaymentDueV1.routingKey)
  handle(@Payload() event: Envelope<PayloadOf<typeof WalletAutopaymentDueV1>>): Promise<void> {
    return this.handler.handle(event);
  }
}
