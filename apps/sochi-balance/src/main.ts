import './tracing.js';
import 'reflect-metadata';
import { runService } from '#platform';
import { AppModule } from './app.module.js';
import { sochiBalanceConfig } from './sochi-balance.config.js';

await runService(
  AppModule,
  {
    title: 'sochi-balance',
    description: 'СОЧИ balances of organizations and entrepreneurs, credited by MegaPay payments',
  },
  sochiBalanceConfig().PORT,
);
