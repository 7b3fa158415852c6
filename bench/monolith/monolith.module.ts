import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pg from 'pg';
import { httpLoggerOptions } from '#platform';
import { PayHandler } from './pay.handler.js';
import { PaymentsController } from './payments.controller.js';

/** R2, the fair monolith: one Nest process, one database, one transaction per payment. */
@Module({
  imports: [LoggerModule.forRoot({ pinoHttp: httpLoggerOptions('monolith', process.env.LOG_LEVEL ?? 'warn') })],
  controllers: [PaymentsController],
  providers: [
    {
      provide: PayHandler,
      useFactory: () =>
        new PayHandler(
          new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_MAX ?? 10) }),
        ),
    },
  ],
})
export class MonolithModule {}
