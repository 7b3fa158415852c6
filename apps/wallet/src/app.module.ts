import { Module } from '@nestjs/common';
import { ServicePlatformModule } from '#platform';
import { apiDocument } from './api-document.js';
import { WALLET_CONFIG, walletConfig } from './wallet.config.js';
import { CreateWalletController } from './create-wallet/create-wallet.controller.js';
import { GetWalletController } from './get-wallet/get-wallet.controller.js';
import { TopUpWalletController } from './top-up-wallet/top-up-wallet.controller.js';
import { TopUpWalletHandler } from './top-up-wallet/top-up-wallet.handler.js';
import { ListOperationsController } from './list-operations/list-operations.controller.js';
import { DebitPaymentConsumer } from './debit-payment/debit-payment.consumer.js';
import { DebitPaymentHandler } from './debit-payment/debit-payment.handler.js';
import { RefundPaymentConsumer } from './refund-payment/refund-payment.consumer.js';
import { RefundPaymentHandler } from './refund-payment/refund-payment.handler.js';
import { FavoritesController } from './favorites/favorites.controller.js';
import { FavoritesHandler } from './favorites/favorites.handler.js';
import { AutopaymentsController } from './autopayments/autopayments.controller.js';
import { AutopaymentsHandler } from './autopayments/autopayments.handler.js';
import { AutopaymentScheduler } from './run-autopayments/autopayment-scheduler.js';
import { RunAutopaymentsHandler } from './run-autopayments/run-autopayments.handler.js';
import { FinalPaymentOutcomeConsumer } from './record-payment-outcome/record-payment-outcome.consumer.js';
import { RecordPaymentOutcomeHandler } from './record-payment-outcome/record-payment-outcome.handler.js';
import { ListNotificationsController } from './notifications/list-notifications.controller.js';
import { Initial1764201600000 } from './persistence/migrations/1764201600000-initial.js';
import { FavoritesAutopaymentsNotifications1764892800000 } from './persistence/migrations/1764892800000-favorites-autopayments-notifications.js';
import { LedgerAppendOnly1766000000100 } from './persistence/migrations/1766000000100-ledger-append-only.js';
import { NotificationsByAge1766200100000 } from './persistence/migrations/1766200100000-notifications-by-age.js';
import { TopUpKeysPerCaller1766300000000 } from './persistence/migrations/1766300000000-top-up-keys-per-caller.js';
import { notificationsRetention } from './notifications/notifications-retention.js';

const config = walletConfig();

@Module({
  imports: [
    ServicePlatformModule.forService({
      service: 'wallet',
      config,
      entities: [],
      migrations: [
        Initial1764201600000,
        FavoritesAutopaymentsNotifications1764892800000,
        LedgerAppendOnly1766000000100,
        NotificationsByAge1766200100000,
        TopUpKeysPerCaller1766300000000,
      ],
      api: apiDocument,
      retention: [notificationsRetention(config.NOTIFICATION_RETENTION_S)],
    }),
  ],
  controllers: [
    CreateWalletController,
    GetWalletController,
    TopUpWalletController,
    ListOperationsController,
    FavoritesController,
    AutopaymentsController,
    ListNotificationsController,
    DebitPaymentConsumer,
    RefundPaymentConsumer,
    FinalPaymentOutcomeConsumer,
  ],
  providers: [
    { provide: WALLET_CONFIG, useValue: config },
    TopUpWalletHandler,
    DebitPaymentHandler,
    RefundPaymentHandler,
    FavoritesHandler,
    AutopaymentsHandler,
    RunAutopaymentsHandler,
    AutopaymentScheduler,
    RecordPaymentOutcomeHandler,
  ],
})
export class AppModule {}
