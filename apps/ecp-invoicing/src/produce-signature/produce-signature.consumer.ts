import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EcpInvoicePaidV1, type Envelope, type PayloadOf } from '#contracts';
import { ProduceSignatureHandler } from './produce-signature.handler.js';

/** The service consumes its own payment confirmation: that is what starts signature production. */
@Controller()
export class ProduceSignatureConsumer {
  constructor(@Inject(ProduceSignatureHandler) private readonly handler: ProduceSignatureHandler) {}

  @EventPattern<string>(EcpInvoicePaidV1.routingKey)
  handle(@Payload() event: Envelope<PayloadOf<typeof EcpInvoicePaidV1>>): Promise<void> {
    return this.handler.handle(event);
  }
}
