import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Verifier } from '@pact-foundation/pact';
import { join } from 'node:path';
import { eventually } from '../../support/eventually.js';
import { http } from '../../support/service-harness.js';
import { RunningSystem } from '../../support/system.js';
import { PACT_DIR } from '../support/message-pact.js';
import { signedHeaders } from '#platform';
import { DEV_PARTNER } from '../../support/test-credentials.js';

const INN = '01234567890123';

/** The running payment-router (with the other three services behind it) honours the MegaPay backend's pact. */
describe('payment-router, as the provider of the MegaPay API', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await RunningSystem.start({ dbPrefix: 'dostek_pact_', basePort: 4800 });
  });

  afterAll(async () => {
    await system?.stop();
  });

  async function walletWith(phone: string, amount: string): Promise<void> {
    await http(system.url('wallet'), 'POST', '/v1/wallets', { phone });
    const topUp = await http(
      system.url('wallet'),
      'POST',
      `/v1/wallets/${phone}/top-ups`,
      { amount },
      { 'Idempotency-Key': `pact-state:${phone}` },
    );
    expect(topUp.status).toBeLessThan(300);
    await http(system.url('sochi-balance'), 'POST', '/v1/sochi/organizations', {
      inn: INN,
      name: 'ОсОО «Демо Организация»',
    });
  }

  async function paid(key: string): Promise<string> {
    await walletWith('996555000001', '5000.00');
    const res = await http(
      system.url('payment-router'),
      'POST',
      '/v1/payments',
      { phone: '996555000001', service: 'SOCHI', account: INN, amount: '150.00' },
      { 'Idempotency-Key': key },
    );
    expect(res.status).toBe(202);
    return res.body.id;
  }

  it('honours pacts/megapay-backend-payment-router-api.json', async () => {
    await new Verifier({
      provider: 'payment-router-api',
      providerBaseUrl: system.url('payment-router'),
      pactUrls: [join(PACT_DIR, 'megapay-backend-payment-router-api.json')],
      logLevel: 'error',
      // MegaPay signs every request (RFC 9421): sign what the verifier replays, as the body the proxy forwards, for
      // the router's own address (changeOrigin: the Host the router sees is its own, as in production).
      changeOrigin: true,
      requestFilter: (req, _res, next) => {
        const raw: unknown = req.body;
        const body = Buffer.isBuffer(raw)
          ? raw
          : raw && typeof raw === 'object'
            ? Buffer.from(JSON.stringify(raw))
            : undefined;
        const sent: Record<string, string> = {};
        for (const name of ['content-type', 'idempotency-key']) {
          const value = req.headers[name];
          if (typeof value === 'string') sent[name] = value;
        }
        signedHeaders(DEV_PARTNER, {
          method: req.method,
          url: `${system.url('payment-router')}${req.originalUrl}`,
          body: body?.length ? body : undefined,
          headers: sent,
        })
          .then((headers) => {
            Object.assign(req.headers, headers);
            next();
          })
          .catch(next);
      },
      stateHandlers: {
        'a wallet with 5000.00 som and a registered organization': () => walletWith('996555000001', '5000.00'),
        'a wallet with 67.38 som and a registered organization': () => walletWith('996555000002', '67.38'),
        'a payment made with Idempotency-Key megapay-reused-1': async () => {
          await paid('megapay-reused-1');
        },
        'a completed СОЧИ payment': async () => {
          const id = await paid(`pact-completed-${Date.now()}`);
          await eventually(async () =>
            expect((await http(system.url('payment-router'), 'GET', `/v1/payments/${id}`)).body.status).toBe(
              'COMPLETED',
            ),
          );
          return { id };
        },
      },
    }).verifyProvider();
  });
});
