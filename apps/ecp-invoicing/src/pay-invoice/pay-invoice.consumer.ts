import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EcpInvoicePaymentRequestedV1, type Envelope, type PayloadOf } from '#contracts';
import { PayInvoiceHandler } from './pay-invoice.handler.js';

@Controller()
export class PayInvoiceConsumer {
  constructor(@Inject(PayInvoiceHandler) private readonly handler: PayInvoiceHandler) {}

  @EventPattern<string>(EcpInvoicePaymentRequestedV1.routingKey)
  handle(@Payload() event: Envelope<PayloadOf<typeof EcpInvoicePaymentRequestedV1>>): Promise<void> {
    return this.handler.handle(event);
  }
}
