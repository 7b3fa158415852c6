import { Module } from '@nestjs/common';
import { ServicePlatformModule } from '#platform';
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
import { Initial1764201600000 } from './persistence/migrations/1764201600000-initial.js';

const config = walletConfig();

@Module({
  imports: [
    ServicePlatformModule.forService({
      service: 'wallet',
      config,
      entities: [],
      migrations: [Initial1764201600000],
    }),
  ],
  controllers: [
    CreateWalletController,
    GetWalletController,
    TopUpWalletController,
    ListOperationsController,
    DebitPaymentConsumer,
    RefundPaymentConsumer,
  ],
  providers: [{ provide: WALLET_CONFIG, useValue: config }, TopUpWalletHandler, DebitPaymentHandler, RefundPaymentHandler],
})
export class AppModule {}
