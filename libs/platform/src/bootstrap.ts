import type { INestApplication, LoggerService, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { InboxConsumerServer } from '#messaging';
import { ApiError } from './api-error.js';
import { Authenticator, AUTH_CONFIG } from './auth/access.guard.js';
import type { AuthConfig } from './auth/auth-config.js';
import { isDevelopmentMode } from './auth/development-mode.js';
import { ANY_STAFF } from './auth/callers.js';
import {
  answerUnreadableRequest,
  jsonBodyParserOptions,
  LARGE_JSON_BODIES,
  type LargeJsonBodies,
  parseQuery,
  requireJsonBody,
} from './request-parsing.js';
import { staffUploadsOnly } from './large-bodies.js';
import { API_DOCUMENT_OPTIONS, type ApiDocumentOptions } from './openapi/api-document.options.js';
import { completeDocument } from './openapi/complete-document.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { traceHttpRequests } from './observability/http-tracing.js';

export interface ServiceDescription {
  title: string;
  description: string;
}

/** Builds a service: HTTP API with problem+json errors and OpenAPI at /docs, plus its event consumer. Not yet listening. */
export async function createServiceApp(module: Type, description: ServiceDescription): Promise<INestApplication> {
  // Nest's own body parsers would also read form-encoded bodies; this platform takes JSON only (requireJsonBody).
  // A failed start is thrown, not a process.exit inside Nest: runService says why and exits, a test sees the error.
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  app.useLogger(new NestLogger(app.get(Logger)));
  app.disable('x-powered-by');
  const { TRUST_PROXY: trustProxy } = app.get<AuthConfig>(AUTH_CONFIG);
  if (trustProxy) app.set('trust proxy', /^[0-9]+$/.test(trustProxy) ? Number(trustProxy) : trustProxy);
  app.set('query parser', parseQuery);
  app.getHttpServer().on('clientError', answerUnreadableRequest);
  // Registered now, so ahead of every route and of Nest's own middleware: a refused body is never parsed.
  app.use(traceHttpRequests);
  app.use(requireJsonBody);
  // The larger limits first: body-parser leaves a body that an earlier parser has read alone. A large body is read
  // only for staff, a few at once (large-bodies.ts); every other route keeps body-parser's 100 kB.
  const filter = new ProblemDetailsFilter();
  const uploads = staffUploadsOnly(app.get(Authenticator), (e, req, res) => filter.catch(e, httpHost(req, res)));
  for (const [path, limit] of Object.entries(app.get<LargeJsonBodies>(LARGE_JSON_BODIES, { strict: false }) ?? {})) {
    app.use(path, uploads, json({ ...jsonBodyParserOptions, limit }));
  }
  app.useBodyParser('json', jsonBodyParserOptions);
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  app.use(helmet());
  if (!isDevelopmentMode(app.get<AuthConfig>(AUTH_CONFIG).NODE_ENV))
    app.use(['/docs', '/docs-json'], staffOnly(app.get(Authenticator)));
  SwaggerModule.setup('docs', app, () => buildOpenApi(app, description), { jsonDocumentUrl: 'docs-json' });
  app.connectMicroservice({ strategy: app.get(InboxConsumerServer) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  return app;
}

/** In production the API documents are for staff: a staff token of any role (guards do not cover Swagger's routes). */
function staffOnly(authenticator: Authenticator) {
  const filter = new ProblemDetailsFilter();
  return (req: Request, res: Response, next: NextFunction) => {
    authenticator.authenticate(req, { staff: ANY_STAFF }).then(
      (caller) =>
        caller.kind === 'staff'
          ? next()
          : filter.catch(new ApiError(403, 'SCOPE_FORBIDDEN', 'the API documents are for staff'), httpHost(req, res)),
      (e: unknown) => filter.catch(e, httpHost(req, res)),
    );
  };
}

const httpHost = (req: Request, res: Response) =>
  ({
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  }) as unknown as Parameters<ProblemDetailsFilter['catch']>[1];

/** Nest's own lines that are start-up detail: one per module, controller and route, at every start. */
const ROUTE_MAPPING_CONTEXTS = new Set(['RoutesResolver', 'RouterExplorer', 'InstanceLoader']);

/** The structured logger as Nest's logger, with Nest's route mapping lines at debug instead of info. */
class NestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    // Nest passes the context (the class that logs) last.
    if (ROUTE_MAPPING_CONTEXTS.has(params.at(-1) as string)) this.pino.debug(message, ...params);
    else this.pino.log(message, ...params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.pino.error(message, ...params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.pino.warn(message, ...params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.pino.debug(message, ...params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.pino.verbose(message, ...params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.pino.fatal(message, ...params);
  }
}

export function buildOpenApi(app: INestApplication, description: ServiceDescription) {
  const config = new DocumentBuilder()
    .setTitle(description.title)
    .setDescription(description.description)
    .setVersion('1.0')
    .build();
  const doc = SwaggerModule.createDocument(app, config);
  completeDocument(doc, app.get<ApiDocumentOptions | undefined>(API_DOCUMENT_OPTIONS, { strict: false }));
  return doc;
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
