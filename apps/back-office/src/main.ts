import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createBackOfficeApp } from './back-office.app.js';
import { backOfficeConfig } from './back-office.config.js';

try {
  const config = backOfficeConfig();
  const app = await createBackOfficeApp(config);
  await app.listen(config.PORT);
  app.get(Logger).log(`back-office listening on :${config.PORT}`);
} catch (e) {
  process.stderr.write(`back-office failed to start: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
}
