import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signedHeaders } from '#platform';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { DEV_PARTNER } from '../../../test/support/test-credentials.js';

/** Behind a TLS-terminating proxy (TRUST_PROXY) the signed @target-uri is the one the partner addressed. */
describe('signatures behind a proxy', () => {
  let svc: ServiceUnderTest;

  beforeAll(async () => {
    svc = await startService('payment-router', async () => (await import('../src/app.module.js')).AppModule, {
      TRUST_PROXY: 'loopback',
    });
  });

  afterAll(async () => {
    await svc?.close();
    delete process.env.TRUST_PROXY;
  });

  it('verifies a signature over https://payments.dostek.kg/… received as http://127.0.0.1:…', async () => {
    const signed = await signedHeaders(DEV_PARTNER, { method: 'GET', url: 'https://payments.dostek.kg/v1/services' });
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'payments.dostek.kg' };
    expect((await http(svc.baseUrl, 'GET', '/v1/services', undefined, { ...signed, ...forwarded })).status).toBe(200);
    const direct = await signedHeaders(DEV_PARTNER, { method: 'GET', url: 'https://payments.dostek.kg/v1/services' });
    expect((await http(svc.baseUrl, 'GET', '/v1/services', undefined, direct)).body.code).toBe('SIGNATURE_INVALID');
  });
});
