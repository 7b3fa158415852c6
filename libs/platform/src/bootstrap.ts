import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { InboxConsumerServer } from '#messaging';
import { answerUnreadableRequest, jsonBodyParserOptions, parseQuery, requireJsonBody } from './request-parsing.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';

export interface ServiceDescription {
  title: string;
  description: string;
}

/** Builds a service: HTTP API with problem+json errors and OpenAPI at /docs, plus its event consumer. Not yet listening. */
export async function createServiceApp(module: Type, description: ServiceDescription): Promise<INestApplication> {
  // Nest's own body parsers would also read form-encoded bodies; this platform takes JSON only (requireJsonBody).
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.set('query parser', parseQuery);
  app.getHttpServer().on('clientError', answerUnreadableRequest);
  // Registered now, so ahead of every route and of Nest's own middleware: a refused body is never parsed.
  app.use(requireJsonBody);
  app.useBodyParser('json', jsonBodyParserOptions);
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, () => buildOpenApi(app, description), { jsonDocumentUrl: 'docs-json' });
  app.connectMicroservice({ strategy: app.get(InboxConsumerServer) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  return app;
}

export function buildOpenApi(app: INestApplication, description: ServiceDescription) {
  const config = new DocumentBuilder().setTitle(description.title).setDescription(description.description).setVersion('1.0').build();
  return SwaggerModule.createDocument(app, config);
}

/** Starts a service on its port; exits non-zero if it cannot start. */
export async function runService(module: Type, description: ServiceDescription, port: number): Promise<void> {
  try {
    const app = await createServiceApp(module, description);
    await app.listen(port);
    app.get(Logger).log(`${description.title} listening on :${port}`);
  } catch (e) {
    process.stderr.write(`${description.title} failed to start: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  }
}
