import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { staffToken } from '../../../test/support/test-credentials.js';

/** Requests per minute per caller, counted in Redis: the fourth of a member of staff limited to three is refused. */
describe('rate limits per caller against real Redis', () => {
  let svc: ServiceUnderTest;

  beforeAll(async () => {
    svc = await startService('wallet', async () => (await import('../src/app.module.js')).AppModule, {
      RATE_LIMIT_STAFF_PER_MINUTE: '3',
    });
  });

  afterAll(async () => {
    await svc?.close();
  });

  it('refuses a caller over the limit with 429 RATE_LIMITED and Retry-After, and counts each caller alone', async () => {
    const one = { authorization: `Bearer ${await staffToken(['auditor'], { subject: `auditor-${randomUUID()}` })}` };
    const other = { authorization: `Bearer ${await staffToken(['auditor'], { subject: `auditor-${randomUUID()}` })}` };
    const read = (headers: Record<string, string>) =>
      http(svc.baseUrl, 'GET', '/v1/wallets/996700999999', undefined, headers);
    for (let i = 0; i < 3; i++) expect((await read(one)).status).toBe(404);
    const refused = await read(one);
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect(refused.contentType).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await read(other)).status).toBe(404);
    // Open endpoints are not counted.
    for (let i = 0; i < 5; i++)
      expect((await http(svc.baseUrl, 'GET', '/health', undefined, {}, { credentials: 'none' })).status).toBe(200);
  });
});
