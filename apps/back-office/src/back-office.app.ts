import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { fileURLToPath } from 'node:url';
import { ProblemDetailsFilter } from '#platform';
import { AppModule } from './app.module.js';
import { isProduction, type BackOfficeConfig } from './back-office.config.js';
import { singlePageFallback } from './ui/single-page.js';

/** The back office: its API under /api, the built UI for every other path. Not yet listening. */
export async function createBackOfficeApp(config: BackOfficeConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // A day's MegaPay register travels as JSON text: room for a busy day's lines.
  app.useBodyParser('json', { limit: '20mb' });
  app.useGlobalFilters(new ProblemDetailsFilter());
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
