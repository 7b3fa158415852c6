import { Module } from '@nestjs/common';
import { ServicePlatformModule } from '#platform';
import { apiDocument } from './api-document.js';
import { PAYMENT_ROUTER_CONFIG, paymentRouterConfig } from './payment-router.config.js';
import { CheckPaymentController } from './check-payment/check-payment.controller.js';
import { CheckPaymentHandler } from './check-payment/check-payment.handler.js';
import { ServiceQueries } from './gateways/service-queries.js';
import { GetPaymentController } from './get-payment/get-payment.controller.js';
import { ListServicesController } from './list-services/list-services.controller.js';
import { Initial1764115200000 } from './persistence/migrations/1764115200000-initial.js';
import { StuckPayments1765700000000 } from './persistence/migrations/1765700000000-stuck-payments.js';
import { NoticeStuckPaymentsHandler } from './notice-stuck-payments/notice-stuck-payments.handler.js';
import { NoticeStuckPaymentsJob } from './notice-stuck-payments/notice-stuck-payments.job.js';
import { BackOffice1766100000000 } from './persistence/migrations/1766100000000-back-office.js';
import { PartnerCallbacks1767000000000 } from './persistence/migrations/1767000000000-partner-callbacks.js';
import { FinalPayments } from './observability/final-payments.js';
import { PaymentWaiters } from './get-payment/payment-waiters.js';
import { PartnerCallbackSender } from './gateways/partner-callback.sender.js';
import { PartnerCallbacksGauge } from './notify-partner/partner-callbacks.gauge.js';
import { partnerCallbacksRetention } from './notify-partner/partner-callbacks-retention.js';
import { SearchPaymentsController } from './search-payments/search-payments.controller.js';
import { PaymentTimelineController } from './payment-timeline/payment-timeline.controller.js';
import { PaymentTotalsController } from './payment-totals/payment-totals.controller.js';
import { DownloadRegisterController } from './download-register/download-register.controller.js';
import { ReconcileDayController } from './reconcile-day/reconcile-day.controller.js';
import { ReconcileDayHandler } from './reconcile-day/reconcile-day.handler.js';
import { ViewReconciliationsController } from './view-reconciliations/view-reconciliations.controller.js';
import { ResolveDifferenceController } from './resolve-difference/resolve-difference.controller.js';
import { ResolveDifferenceHandler } from './resolve-difference/resolve-difference.handler.js';
import { RequestPaymentController } from './request-payment/request-payment.controller.js';
import { PaymentIntake } from './persistence/payment-intake.js';
import { TrackPaymentHandler } from './track-payment/track-payment.handler.js';
import { PendingPaymentsGauge } from './observability/pending-payments.gauge.js';
import { ServiceReportConsumer } from './track-payment/service-report.consumer.js';
import { PayFromFavoriteController } from './pay-from-favorite/pay-from-favorite.controller.js';
import { PayFromFavoriteHandler } from './pay-from-favorite/pay-from-favorite.handler.js';
import { AutopaymentDueConsumer } from './start-autopayment/autopayment-due.consumer.js';
import { StartAutopaymentHandler } from './start-autopayment/start-autopayment.handler.js';

const config = paymentRouterConfig();

@Module({
  imports: [
    ServicePlatformModule.forService({
      service: 'payment-router',
      config,
      entities: [],
      migrations: [
        Initial1764115200000,
        StuckPayments1765700000000,
        BackOffice1766100000000,
        PartnerCallbacks1767000000000,
      ],
      retention: [partnerCallbacksRetention(config.PARTNER_CALLBACK_RETENTION_S)],
      api: apiDocument,
      // A busy day's register from MegaPay: some 300 000 lines of ~100 bytes.
      largeJsonBodies: { '/v1/reconciliation/days': '50mb' },
    }),
  ],
  // The check, from-favorite, summary and per-hour routes are declared before :id so that they are not taken for a payment id.
  controllers: [
    ListServicesController,
    CheckPaymentController,
    PayFromFavoriteController,
    RequestPaymentController,
    SearchPaymentsController,
    PaymentTotalsController,
    PaymentTimelineController,
    GetPaymentController,
    DownloadRegisterController,
    ReconcileDayController,
    ViewReconciliationsController,
    ResolveDifferenceController,
    ServiceReportConsumer,
    AutopaymentDueConsumer,
  ],
  providers: [
    PendingPaymentsGauge,
    FinalPayments,
    PaymentWaiters,
    PartnerCallbackSender,
    PartnerCallbacksGauge,
    { provide: PAYMENT_ROUTER_CONFIG, useValue: config },
    ServiceQueries,
    CheckPaymentHandler,
    PaymentIntake,
    TrackPaymentHandler,
    PayFromFavoriteHandler,
    StartAutopaymentHandler,
    NoticeStuckPaymentsHandler,
    NoticeStuckPaymentsJob,
    ReconcileDayHandler,
    ResolveDifferenceHandler,
  ],
})
export class AppModule {}
