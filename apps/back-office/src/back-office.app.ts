import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { fileURLToPath } from 'node:url';
import { ApiError, ProblemDetailsFilter, uploadsAdmitted } from '#platform';
import { json } from 'express';
import { AppModule } from './app.module.js';
import { isProduction, type BackOfficeConfig } from './back-office.config.js';
import { readCookie } from './session/session-cookie.js';
import { SessionSealer } from './session/staff-session.js';
import { singlePageFallback } from './ui/single-page.js';

/** The back office: its API under /api, the built UI for every other path. Not yet listening. */
export async function createBackOfficeApp(config: BackOfficeConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // A day's MegaPay register travels as JSON text: room for a busy day's lines on its upload route only, read after
  // the session is opened (SignedInGuard still judges the request after), a few at once. Every other route: 100 kB.
  const filter = new ProblemDetailsFilter();
  const sealer = app.get(SessionSealer);
  const signedInFirst = uploadsAdmitted(
    async (req) => {
      if (!(await sealer.open(readCookie(req)))) throw new ApiError(401, 'SESSION_MISSING', 'sign in first');
    },
    (e, req: Request, res: Response) =>
      filter.catch(e, {
        getType: () => 'http',
        switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
      } as unknown as Parameters<ProblemDetailsFilter['catch']>[1]),
  );
  app.use('/api/services/payment-router/v1/reconciliation/days', signedInFirst, json({ limit: '20mb' }));
  app.useBodyParser('json');
  app.useGlobalFilters(filter);
  // Mantine sets styles at run time (style attributes and <style> tags); scripts stay 'self' only. Plain HTTP on
  // localhost outside production: no upgrade to HTTPS, no HSTS.
  const production = isProduction(config);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'upgrade-insecure-requests': production ? [] : null,
        },
      },
      strictTransportSecurity: production,
    }),
  );
  // The build of the UI sits beside the BFF's: dist/apps/back-office/{src,ui}.
  const uiDir = config.UI_DIR ?? fileURLToPath(new URL('../ui', import.meta.url));
  app.useStaticAssets(uiDir, { index: false, maxAge: '1h' });
  app.use(singlePageFallback(uiDir));
  app.enableShutdownHooks();
  return app;
}
