import { Module } from '@nestjs/common';
import { ServicePlatformModule } from '#platform';
import { apiDocument } from './api-document.js';
import { sochiBalanceConfig } from './sochi-balance.config.js';
import { CreditTopUpConsumer } from './credit-top-up/credit-top-up.consumer.js';
import { CreditTopUpHandler } from './credit-top-up/credit-top-up.handler.js';
import { GetOrganizationController } from './get-organization/get-organization.controller.js';
import { RegisterOrganizationController } from './register-organization/register-organization.controller.js';
import { ChargeReportController } from './charge-report/charge-report.controller.js';
import { ChargeReportHandler } from './charge-report/charge-report.handler.js';
import { GetStatementController } from './get-statement/get-statement.controller.js';
import { ListOrganizationsController } from './list-organizations/list-organizations.controller.js';
import { ListCreditsController } from './list-credits/list-credits.controller.js';
import { Initial1764115200000 } from './persistence/migrations/1764115200000-initial.js';
import { ReportCharges1764892800000 } from './persistence/migrations/1764892800000-report-charges.js';
import { LedgerAppendOnly1766000000200 } from './persistence/migrations/1766000000200-ledger-append-only.js';
import { TopUpRefusals1767100000000 } from './persistence/migrations/1767100000000-top-up-refusals.js';

@Module({
  imports: [
    ServicePlatformModule.forService({
      service: 'sochi-balance',
      config: sochiBalanceConfig(),
      entities: [],
      migrations: [
        Initial1764115200000,
        ReportCharges1764892800000,
        LedgerAppendOnly1766000000200,
        TopUpRefusals1767100000000,
      ],
      api: apiDocument,
    }),
  ],
  controllers: [
    RegisterOrganizationController,
    ListOrganizationsController,
    GetOrganizationController,
    ListCreditsController,
    ChargeReportController,
    GetStatementController,
    CreditTopUpConsumer,
  ],
  providers: [CreditTopUpHandler, ChargeReportHandler],
})
export class AppModule {}
