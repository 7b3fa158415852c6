import { Logger, Module } from '@nestjs/common';
import { DEVELOPMENT_KEY_ENCRYPTION_KEY, ServicePlatformModule } from '#platform';
import { apiDocument } from './api-document.js';
import { CancelInvoiceController } from './cancel-invoice/cancel-invoice.controller.js';
import { CancelInvoiceHandler } from './cancel-invoice/cancel-invoice.handler.js';
import { CertificateAuthority } from './certificates/certificate-authority.js';
import { KeySealer } from './certificates/key-sealer.js';
import { X509SignatureProducer } from './certificates/x509-signature.producer.js';
import { SignatureProducer } from './domain/signature-producer.js';
import { DownloadCertificateController } from './download-certificate/download-certificate.controller.js';
import { ECP_INVOICING_CONFIG, ecpInvoicingConfig, type EcpInvoicingConfig } from './ecp-invoicing.config.js';
import { ExpireInvoicesHandler } from './expire-invoices/expire-invoices.handler.js';
import { ExpireInvoicesJob } from './expire-invoices/expire-invoices.job.js';
import { GetInvoiceController } from './get-invoice/get-invoice.controller.js';
import { GetRegistrationController } from './get-registration/get-registration.controller.js';
import { ChangePriceHandler } from './manage-products/change-price.handler.js';
import { ProductsController } from './manage-products/products.controller.js';
import { PayInvoiceConsumer } from './pay-invoice/pay-invoice.consumer.js';
import { PayInvoiceHandler } from './pay-invoice/pay-invoice.handler.js';
import { InvoiceIssuer } from './persistence/invoice-issuer.js';
import { Initial1764201600000 } from './persistence/migrations/1764201600000-initial.js';
import { RegistrationsAndCertificates1764547200000 } from './persistence/migrations/1764547200000-registrations-and-certificates.js';
import { InvoicesBelongToRegistrations1764806400000 } from './persistence/migrations/1764806400000-invoices-belong-to-registrations.js';
import { BackOffice1766100000000 } from './persistence/migrations/1766100000000-back-office.js';
import { ListInvoicesController } from './list-invoices/list-invoices.controller.js';
import { ListRegistrationsController } from './list-registrations/list-registrations.controller.js';
import { PriceHistoryController } from './price-history/price-history.controller.js';
import { ProduceSignatureConsumer } from './produce-signature/produce-signature.consumer.js';
import { ProduceSignatureHandler } from './produce-signature/produce-signature.handler.js';
import { ProductionRunner } from './certificates/production-runner.js';
import { RegisterClientController } from './register-client/register-client.controller.js';
import { RegisterClientHandler } from './register-client/register-client.handler.js';
import { ReissueInvoiceController } from './reissue-invoice/reissue-invoice.controller.js';
import { ReissueInvoiceHandler } from './reissue-invoice/reissue-invoice.handler.js';
import { ReplaceCsrController } from './replace-csr/replace-csr.controller.js';
import { ReplaceCsrHandler } from './replace-csr/replace-csr.handler.js';

const config = ecpInvoicingConfig();

/** The keys that seal private keys at rest; the development key, derived from a constant, said loudly. */
function keySealer(c: EcpInvoicingConfig): KeySealer {
  if (c.ECP_KEY_ENCRYPTION_KEYS.some(({ key }) => key.equals(DEVELOPMENT_KEY_ENCRYPTION_KEY.key))) {
    new Logger('KeySealer').warn(
      'ECP_KEY_ENCRYPTION_KEYS lists the DEVELOPMENT key-encryption key, which anyone can derive from the source. ' +
        'Set your own (id:$(openssl rand -base64 32)) for any real use; production refuses it.',
    );
  }
  return new KeySealer(c.ECP_KEY_ENCRYPTION_KEYS);
}

@Module({
  imports: [
    ServicePlatformModule.forService({
      service: 'ecp-invoicing',
      config,
      entities: [],
      migrations: [
        Initial1764201600000,
        RegistrationsAndCertificates1764547200000,
        InvoicesBelongToRegistrations1764806400000,
        BackOffice1766100000000,
      ],
      api: apiDocument,
    }),
  ],
  controllers: [
    RegisterClientController,
    ListRegistrationsController,
    GetRegistrationController,
    ReissueInvoiceController,
    ListInvoicesController,
    GetInvoiceController,
    CancelInvoiceController,
    ReplaceCsrController,
    DownloadCertificateController,
    ProductsController,
    PriceHistoryController,
    PayInvoiceConsumer,
    ProduceSignatureConsumer,
  ],
  providers: [
    { provide: ECP_INVOICING_CONFIG, useValue: config },
    { provide: KeySealer, useFactory: () => keySealer(config) },
    CertificateAuthority,
    { provide: SignatureProducer, useClass: X509SignatureProducer },
    InvoiceIssuer,
    RegisterClientHandler,
    ReissueInvoiceHandler,
    CancelInvoiceHandler,
    ReplaceCsrHandler,
    ChangePriceHandler,
    PayInvoiceHandler,
    ProductionRunner,
    ProduceSignatureHandler,
    ExpireInvoicesHandler,
    ExpireInvoicesJob,
  ],
})
export class AppModule {}
