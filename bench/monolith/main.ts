/**
 * R2 of `npm run bench`: `node dist/bench/monolith/main.js` with DATABASE_URL (a database with MONOLITH_SCHEMA), PORT
 * and LOG_LEVEL. The same HTTP request as the router, the same business records, one transaction per payment.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { ProblemDetailsFilter } from '#platform';
import { MonolithModule } from './monolith.module.js';

const app = await NestFactory.create<NestExpressApplication>(MonolithModule, { bufferLogs: true });
app.useLogger(app.get(Logger));
app.disable('x-powered-by');
app.useGlobalFilters(new ProblemDetailsFilter());
app.enableShutdownHooks();
await app.listen(Number(process.env.PORT ?? 4700), '127.0.0.1');
