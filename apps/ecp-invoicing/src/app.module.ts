import { Module } from '@nestjs/common';
import { ServicePlatformModule } from '#platform';
import { ecpInvoicingConfig } from './ecp-invoicing.config.js';
import { SignatureProducer } from './domain/signature-producer.js';
import { GetInvoiceController } from './get-invoice/get-invoice.controller.js';
import { IssueInvoiceController } from './issue-invoice/issue-invoice.controller.js';
import { IssueInvoiceHandler } from './issue-invoice/issue-invoice.handler.js';
import { PayInvoiceConsumer } from './pay-invoice/pay-invoice.consumer.js';
import { PayInvoiceHandler } from './pay-invoice/pay-invoice.handler.js';
import { ProduceSignatureConsumer } from './produce-signature/produce-signature.consumer.js';
import { ProduceSignatureHandler } from './produce-signature/produce-signature.handler.js';
import { RecordedSignatureProducer } from './produce-signature/recorded-signature.producer.js';
import { Initial1764201600000 } from './persistence/migrations/1764201600000-initial.js';

@Module({
  imports: [
    ServicePlatformModule.forService({
      service: 'ecp-invoicing',
      config: ecpInvoicingConfig(),
      entities: [],
      migrations: [Initial1764201600000],
    }),
  ],
  controllers: [IssueInvoiceController, GetInvoiceController, PayInvoiceConsumer, ProduceSignatureConsumer],
  providers: [
    IssueInvoiceHandler,
    PayInvoiceHandler,
    ProduceSignatureHandler,
    { provide: SignatureProducer, useClass: RecordedSignatureProducer },
  ],
})
export class AppModule {}
