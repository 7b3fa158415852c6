import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EcpInvoicePaymentRequestedV1, type Envelope, type PayloadOf } from '#contracts';
import { inBatch } from '#messaging';
import { PayInvoiceHandler } from './pay-invoice.handler.js';

@Controller()
export class PayInvoiceConsumer {
  constructor(@Inject(PayInvoiceHandler) private readonly handler: PayInvoiceHandler) {}

  @EventPattern<string[]>(inBatch('ecp-invoicing.pay-invoice', [EcpInvoicePaymentRequestedV1.routingKey]))
  handleBatch(@Payload() events: Envelope<PayloadOf<typeof EcpInvoicePaymentRequestedV1>>[]): Promise<void> {
    return this.handler.handleBatch(events);
  }

  @EventPattern<string>(EcpInvoicePaymentRequestedV1.routingKey)
  handle(@Payload() event: Envelope<PayloadOf<typeof EcpInvoicePaymentRequestedV1>>): Promise<void> {
    return this.handler.handle(event);
  }
}
