import './tracing.js';
import 'reflect-metadata';
import { runService } from '#platform';
import { AppModule } from './app.module.js';
import { ecpInvoicingConfig } from './ecp-invoicing.config.js';

await runService(
  AppModule,
  {
    title: 'ecp-invoicing',
    description: 'ЭЦП invoices of new clients, paid from MegaPay; payment confirmation starts signature production',
  },
  ecpInvoicingConfig().PORT,
);
