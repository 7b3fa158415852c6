import './tracing.js';
import 'reflect-metadata';
import { runService } from '#platform';
import { AppModule } from './app.module.js';
import { paymentRouterConfig } from './payment-router.config.js';

await runService(
  AppModule,
  {
    title: 'payment-router',
    description: 'MegaPay → Dos Tek payments: check, pay (СОЧИ top-up or ЭЦП invoice) and payment status',
  },
  paymentRouterConfig().PORT,
);
