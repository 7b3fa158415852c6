import { describe, it } from '@jest/globals';
import type { Type } from '@nestjs/common';
import { startService } from '../support/service-harness.js';
import { expectCommitted } from './support/generated-document.js';

const apps: Array<[string, () => Promise<Type>]> = [
  ['payment-router', async () => (await import('../../apps/payment-router/src/app.module.js')).AppModule],
  ['wallet', async () => (await import('../../apps/wallet/src/app.module.js')).AppModule],
  ['sochi-balance', async () => (await import('../../apps/sochi-balance/src/app.module.js')).AppModule],
  ['ecp-invoicing', async () => (await import('../../apps/ecp-invoicing/src/app.module.js')).AppModule],
];

/** Each service's OpenAPI document, as it serves it at /docs-json, is committed under docs/openapi/ and kept in step. */
describe('the OpenAPI documents', () => {
  it.each(apps)('docs/openapi/%s.json is what the service serves', async (service, load) => {
    const svc = await startService(service, load);
    try {
      const doc = await (await fetch(`${svc.baseUrl}/docs-json`)).json();
      expectCommitted(`docs/openapi/${service}.json`, `${JSON.stringify(doc, null, 2)}\n`);
    } finally {
      await svc.close();
    }
  });
});
