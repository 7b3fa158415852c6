import { describe, expect, it } from '@jest/globals';
import type { Type } from '@nestjs/common';
import openapiTS, { astToString } from 'openapi-typescript';
import { startService } from '../support/service-harness.js';
import { accessTable } from './support/access-table.js';
import { expectCommitted } from './support/generated-document.js';

const apps: Array<[string, () => Promise<Type>]> = [
  ['payment-router', async () => (await import('../../apps/payment-router/src/app.module.js')).AppModule],
  ['wallet', async () => (await import('../../apps/wallet/src/app.module.js')).AppModule],
  ['sochi-balance', async () => (await import('../../apps/sochi-balance/src/app.module.js')).AppModule],
  ['ecp-invoicing', async () => (await import('../../apps/ecp-invoicing/src/app.module.js')).AppModule],
];

/**
 * Each service's OpenAPI document, as it serves it at /docs-json, is committed under docs/openapi/ and kept in step;
 * so is the table of who may call each endpoint (docs/security-endpoints.md), made from the documents' x-access, and
 * the TypeScript types of the router's document that MegaPay's client (libs/megapay-client) is typed with.
 */
describe('the OpenAPI documents', () => {
  const served = new Map<string, any>();

  it.each(apps)('docs/openapi/%s.json is what the service serves', async (service, load) => {
    const svc = await startService(service, load);
    try {
      const doc = await (await fetch(`${svc.baseUrl}/docs-json`)).json();
      served.set(service, doc);
      expectCommitted(`docs/openapi/${service}.json`, `${JSON.stringify(doc, null, 2)}\n`);
    } finally {
      await svc.close();
    }
  });

  it('docs/security-endpoints.md lists every endpoint with who may call it', () => {
    expect([...served.keys()]).toEqual(apps.map(([s]) => s));
    expectCommitted('docs/security-endpoints.md', accessTable(served));
  });

  it("libs/megapay-client/src/generated/payment-router.ts is generated from the router's document (openapi-typescript)", async () => {
    const types = astToString(await openapiTS(served.get('payment-router')));
    const header =
      '// Generated from docs/openapi/payment-router.json by openapi-typescript (`npm run docs:contracts`); do not edit.\n';
    expectCommitted('libs/megapay-client/src/generated/payment-router.ts', `${header}${types}`);
  });
});
