import './tracing.js';
import 'reflect-metadata';
import { runService } from '#platform';
import { AppModule } from './app.module.js';
import { walletConfig } from './wallet.config.js';

await runService(
  AppModule,
  {
    title: 'wallet',
    description: 'MegaPay wallets: balances, top-ups, payment debits and refunds under a monthly turnover limit',
  },
  walletConfig().PORT,
);
