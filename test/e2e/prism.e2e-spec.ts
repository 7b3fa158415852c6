import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually } from '../support/eventually.js';
import { freePort } from '../support/free-port.js';
import { RunningSystem, SERVICE_NAMES, type ServiceName } from '../support/system.js';
import { defaultCredentials } from '../support/test-credentials.js';
import { TEST_NAMESPACE } from '../support/test-env.js';

const PHONE = '996555700001';
const INN = '07777777777701';
const ECP_INN = '07777777777702';

/** The repository root: the nearest folder with package.json. */
const root = (() => {
  let dir = fileURLToPath(new URL('.', import.meta.url));
  while (!existsSync(`${dir}/package.json`) && dirname(dir) !== dir) dir = dirname(dir);
  return dir.replace(/\/+$/, '');
})();

/** What Prism answers in place of the real answer when a request or a response breaks the document. */
const PRISM_ERROR_TYPE = /stoplight\.io\/prism\/errors/;

interface Proxy {
  service: ServiceName;
  url: string;
  child: ChildProcess;
  output: string[];
}

interface Exchange {
  service: ServiceName;
  method: string;
  path: string;
  status: number;
  body: any;
  violations: string | null;
}

/**
 * End-to-end flows through Prism validating proxies (`prism proxy --errors`), one in front of each service, with its
 * committed OpenAPI document: every request and every answer must be what the document says. In `--errors` mode a
 * request that breaks the document is refused by Prism (422, or 401 when it lacks the credential the operation requires;
 * problem type `https://stoplight.io/prism/errors#…`) and never forwarded, and an answer that breaks it is replaced by
 * Prism's error (500, `…#VIOLATIONS`); Prism also logs each. The last test shows that the proxies do catch both.
 */
describe('flows through Prism validating proxies in --errors mode', () => {
  let system: RunningSystem;
  const proxies = new Map<ServiceName, Proxy>();
  const exchanges: Exchange[] = [];
  /** Every proxy started, the four and the one of the check that violations are caught. */
  const started: Proxy[] = [];
  /** How a proxy reports what breaks its document: in --errors mode Prism answers with its own problem and logs
   * `Request terminated with error: https://stoplight.io/prism/errors#…`; a violation of lower severity is logged as
   * `Violation: …` and named in the answer's `sl-violations` header. */
  const VIOLATION_LINE = /violation|Request terminated with error/i;

  async function startProxy(service: ServiceName, document = `${root}/docs/openapi/${service}.json`): Promise<Proxy> {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [
        `${root}/node_modules/@stoplight/prism-cli/dist/index.js`,
        'proxy',
        document,
        system.url(service),
        '--errors',
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
      ],
      {
        cwd: root,
        env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const output: string[] = [];
    child.stdout!.on('data', (d: Buffer) => output.push(...d.toString('utf8').split('\n').filter(Boolean)));
    child.stderr!.on('data', (d: Buffer) => output.push(...d.toString('utf8').split('\n').filter(Boolean)));
    const proxy = { service, url: `http://127.0.0.1:${port}`, child, output };
    started.push(proxy);
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`prism proxy for ${service} exited (${child.exitCode}):\n${output.join('\n')}`);
      try {
        await fetch(`${proxy.url}/health`);
        return proxy;
      } catch {
        if (Date.now() > deadline) throw new Error(`prism proxy for ${service} did not answer:\n${output.join('\n')}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  /**
   * A request through the service's proxy. Signed for the upstream URL: Prism forwards the request to the upstream
   * with the upstream's Host, and the service rebuilds @target-uri from the Host it receives.
   */
  async function call(
    service: ServiceName,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    { credentials = 'default', raw = false }: { credentials?: 'default' | 'none'; raw?: boolean } = {},
  ): Promise<Exchange & { contentType: string; text: string }> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const sent = { ...(text === undefined ? {} : { 'content-type': 'application/json' }), ...headers };
    const auth =
      credentials === 'none' ? {} : await defaultCredentials(method, `${system.url(service)}${path}`, text, sent);
    const res = await fetch(`${proxies.get(service)!.url}${path}`, {
      method,
      headers: { ...(text === undefined ? {} : { 'content-type': 'application/json' }), ...auth, ...headers },
      body: text,
    });
    const received = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    const parsed = !raw && received && /json/.test(contentType) ? JSON.parse(received) : undefined;
    const exchange: Exchange = {
      service,
      method,
      path,
      status: res.status,
      body: parsed,
      violations: res.headers.get('sl-violations'),
    };
    exchanges.push(exchange);
    return { ...exchange, contentType, text: received };
  }

  const expectStatus = (res: Exchange, status: number) =>
    expect({
      call: `${res.method} ${res.path}`,
      status: res.status,
      body: res.status === status ? undefined : res.body,
    }).toEqual({ call: `${res.method} ${res.path}`, status, body: undefined });

  beforeAll(async () => {
    system = await RunningSystem.start({ dbPrefix: 'dostek_prism_', basePort: 5100 });
    for (const service of SERVICE_NAMES) proxies.set(service, await startProxy(service));
  }, 180_000);

  afterAll(async () => {
    for (const [i, proxy] of started.entries()) {
      writeFileSync(
        `${root}/test-logs/prism-${TEST_NAMESPACE}${proxy.service}${i < SERVICE_NAMES.length ? '' : `-${i}`}.log`,
        proxy.output.join('\n') + '\n',
      );
      if (proxy.child.exitCode === null && proxy.child.signalCode === null) {
        const exited = new Promise((r) => proxy.child.once('exit', r));
        proxy.child.kill('SIGTERM');
        await exited;
      }
    }
    await system?.stop();
  });

  it('wallet: creates a wallet and tops it up', async () => {
    expectStatus(await call('wallet', 'POST', '/v1/wallets', { phone: PHONE }), 201);
    expectStatus(
      await call(
        'wallet',
        'POST',
        `/v1/wallets/${PHONE}/top-ups`,
        { amount: '5000.00' },
        { 'Idempotency-Key': randomUUID() },
      ),
      201,
    );
    expectStatus(await call('wallet', 'GET', `/v1/wallets/${PHONE}`), 200);
  });

  it('sochi-balance: registers an organization', async () => {
    expectStatus(
      await call('sochi-balance', 'POST', '/v1/sochi/organizations', { inn: INN, name: 'ОсОО «Призма»' }),
      201,
    );
    expectStatus(await call('sochi-balance', 'GET', `/v1/sochi/organizations/${INN}`), 200);
  });

  it('payment-router: checks and pays СОЧИ to COMPLETED', async () => {
    const payment = { phone: PHONE, service: 'SOCHI', account: INN, amount: '150.00' };
    expectStatus(await call('payment-router', 'GET', '/v1/services'), 200);
    const check = await call('payment-router', 'POST', '/v1/payments/check', payment);
    expectStatus(check, 200);
    expect(check.body).toMatchObject({ payable: true });
    const paid = await call('payment-router', 'POST', '/v1/payments', payment, { 'Idempotency-Key': randomUUID() });
    expectStatus(paid, 202);
    await eventually(async () => {
      const polled = await call('payment-router', 'GET', `/v1/payments/${paid.body.id}`);
      expectStatus(polled, 200);
      expect(polled.body.status).toBe('COMPLETED');
    });
  });

  it('ecp-invoicing: registers at office ONLINE, pays the invoice to COMPLETED, downloads the certificate', async () => {
    expectStatus(await call('ecp-invoicing', 'GET', '/v1/ecp/products'), 200);
    const registered = await call('ecp-invoicing', 'POST', '/v1/ecp/registrations', {
      office: 'ONLINE',
      organizationName: 'ОсОО «Призма ЭЦП»',
      inn: ECP_INN,
      signerName: 'Асанов Бакыт',
      signerRole: 'Директор',
      phone: PHONE,
      productCode: 'DIRECTOR_CLOUD',
    });
    expectStatus(registered, 201);
    const number: string = registered.body.invoice.number;
    const amount: string = registered.body.invoice.amount;
    expectStatus(await call('ecp-invoicing', 'GET', `/v1/ecp/registrations/${registered.body.id}`), 200);
    expectStatus(await call('ecp-invoicing', 'GET', `/v1/ecp/invoices/${number}`), 200);

    const payment = { phone: PHONE, service: 'ECP', account: number, amount };
    expectStatus(await call('payment-router', 'POST', '/v1/payments/check', payment), 200);
    const paid = await call('payment-router', 'POST', '/v1/payments', payment, { 'Idempotency-Key': randomUUID() });
    expectStatus(paid, 202);
    await eventually(async () => {
      const polled = await call('payment-router', 'GET', `/v1/payments/${paid.body.id}`);
      expectStatus(polled, 200);
      expect(polled.body.status).toBe('COMPLETED');
    });
    await eventually(async () => {
      const invoice = await call('ecp-invoicing', 'GET', `/v1/ecp/invoices/${number}`);
      expectStatus(invoice, 200);
      expect(invoice.body.status).toBe('SIGNATURE_PRODUCED');
    });
    const certificate = await call(
      'ecp-invoicing',
      'GET',
      `/v1/ecp/invoices/${number}/certificate`,
      undefined,
      {},
      { raw: true },
    );
    expectStatus(certificate, 200);
    expect(certificate.contentType).toMatch(/^application\/x-pem-file/);
    expect(certificate.text).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const ca = await call('ecp-invoicing', 'GET', '/v1/ecp/ca', undefined, {}, { credentials: 'none', raw: true });
    expectStatus(ca, 200);
  });

  it('wallet: favorites and an autopayment, from creation to deletion', async () => {
    const favorite = await call('wallet', 'POST', `/v1/wallets/${PHONE}/favorites`, {
      name: 'Налоги',
      service: 'SOCHI',
      account: INN,
      amount: '20.00',
    });
    expectStatus(favorite, 201);
    const id: string = favorite.body.id;
    expectStatus(await call('wallet', 'GET', `/v1/wallets/${PHONE}/favorites`), 200);
    expectStatus(await call('wallet', 'GET', `/v1/wallets/${PHONE}/favorites/${id}`), 200);
    const patched = await call('wallet', 'PATCH', `/v1/wallets/${PHONE}/favorites/${id}`, { name: 'Налоги СОЧИ' });
    expectStatus(patched, 200);
    expect(patched.body.name).toBe('Налоги СОЧИ');

    const autopayment = await call('wallet', 'POST', `/v1/wallets/${PHONE}/autopayments`, {
      favoriteId: id,
      schedule: { kind: 'WEEKLY', weekday: 'MONDAY', time: '09:00' },
    });
    expectStatus(autopayment, 201);
    const ap: string = autopayment.body.id;
    expectStatus(await call('wallet', 'GET', `/v1/wallets/${PHONE}/autopayments`), 200);
    expectStatus(await call('wallet', 'GET', `/v1/wallets/${PHONE}/autopayments/${ap}`), 200);
    expectStatus(await call('wallet', 'POST', `/v1/wallets/${PHONE}/autopayments/${ap}/pause`), 200);
    expectStatus(await call('wallet', 'POST', `/v1/wallets/${PHONE}/autopayments/${ap}/resume`), 200);
    expectStatus(await call('wallet', 'DELETE', `/v1/wallets/${PHONE}/autopayments/${ap}`), 200);
    expectStatus(await call('wallet', 'DELETE', `/v1/wallets/${PHONE}/favorites/${id}`), 204);
  });

  it('wallet and sochi-balance: operations history, notifications, statement', async () => {
    expectStatus(await call('wallet', 'GET', `/v1/wallets/${PHONE}/operations`), 200);
    await eventually(async () => {
      const notifications = await call('wallet', 'GET', `/v1/wallets/${PHONE}/notifications`);
      expectStatus(notifications, 200);
      expect(notifications.body.items.length).toBeGreaterThan(0);
    });
    const today = system.now().toISOString().slice(0, 10);
    expectStatus(
      await call('sochi-balance', 'GET', `/v1/sochi/organizations/${INN}/statement?from=2026-01-01&to=${today}`),
      200,
    );
    expectStatus(await call('sochi-balance', 'GET', `/v1/sochi/organizations/${INN}/charges`), 200);
  });

  it('documented errors pass through as the services answer them', async () => {
    const badInn = await call('payment-router', 'POST', '/v1/payments/check', {
      phone: PHONE,
      service: 'SOCHI',
      account: '123',
      amount: '10.00',
    });
    expectStatus(badInn, 400);
    expect(badInn.body).toMatchObject({ code: 'VALIDATION_FAILED' });

    const missing = await call('payment-router', 'GET', `/v1/payments/${randomUUID()}`);
    expectStatus(missing, 404);
    expect(missing.body).toMatchObject({ code: 'PAYMENT_NOT_FOUND' });

    // A request with no Signature at all breaks the document's security requirement, so Prism refuses it itself (see
    // below); one with a Signature but no Signature-Input reaches the service, which refuses it as unsigned.
    const unsigned = await call(
      'wallet',
      'GET',
      `/v1/wallets/${PHONE}`,
      undefined,
      { signature: 'sig1=:AAAA:' },
      { credentials: 'none' },
    );
    expectStatus(unsigned, 401);
    expect(unsigned.body).toMatchObject({ code: 'SIGNATURE_MISSING' });

    const key = randomUUID();
    const first = await call(
      'payment-router',
      'POST',
      '/v1/payments',
      { phone: PHONE, service: 'SOCHI', account: INN, amount: '1.00' },
      { 'Idempotency-Key': key },
    );
    expectStatus(first, 202);
    const reused = await call(
      'payment-router',
      'POST',
      '/v1/payments',
      { phone: PHONE, service: 'SOCHI', account: INN, amount: '2.00' },
      { 'Idempotency-Key': key },
    );
    expectStatus(reused, 422);
    expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('no request and no answer broke the documents', async () => {
    // Each request ends in one line of its proxy's log, written a moment after the answer: the upstream's status, or
    // Prism's refusal. Wait for all of them (but the readiness probes of /health), so that no line is still on its way.
    await eventually(async () => {
      for (const s of SERVICE_NAMES) {
        const ended = proxies
          .get(s)!
          .output.filter((line) =>
            /The upstream call to (?!\/health ).* has returned \d+|Request terminated with error/.test(line),
          ).length;
        expect({ service: s, ended }).toEqual({ service: s, ended: exchanges.filter((e) => e.service === s).length });
      }
    });
    const counts = Object.fromEntries(SERVICE_NAMES.map((s) => [s, exchanges.filter((e) => e.service === s).length]));
    const prismErrors = exchanges.filter(
      (e) => PRISM_ERROR_TYPE.test(String(e.body?.type ?? '')) || e.violations !== null,
    );
    const logged = [...proxies.values()].flatMap((p) =>
      p.output.filter((line) => VIOLATION_LINE.test(line)).map((line) => `${p.service}: ${line}`),
    );
    console.log(
      `requests through each proxy: ${JSON.stringify(counts)}; answers replaced by Prism or flagged: ${prismErrors.length}; violation lines logged: ${logged.length}`,
    );
    for (const s of SERVICE_NAMES) expect(counts[s]).toBeGreaterThan(0);
    expect(prismErrors).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('the proxies do catch what breaks the documents (so that none caught above means none there)', async () => {
    // A request that breaks the document is refused by Prism, never forwarded.
    const before = [...proxies.values()].map((p) => p.output.length);
    // A body the document refuses (no phone): Prism answers 422 itself and never forwards it.
    const badBody = await call('wallet', 'POST', '/v1/wallets', { telephone: PHONE });
    expectStatus(badBody, 422);
    expect(badBody.body.type).toMatch(PRISM_ERROR_TYPE);
    // No credential at all breaks the operation's security requirement: Prism answers 401 itself.
    const noCredential = await call('wallet', 'GET', `/v1/wallets/${PHONE}`, undefined, {}, { credentials: 'none' });
    expectStatus(noCredential, 401);
    expect(noCredential.body.type).toMatch(PRISM_ERROR_TYPE);
    // Prism writes its log line a moment after it answers.
    await eventually(async () => {
      const after = [...proxies.values()].flatMap((p, i) => p.output.slice(before[i]));
      expect(after.filter((line) => VIOLATION_LINE.test(line))).toEqual([
        expect.stringContaining('https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY'),
        expect.stringContaining('https://stoplight.io/prism/errors#UNAUTHORIZED'),
      ]);
    });

    // An answer that breaks the document: the wallet's document with a field its Wallet schema now requires, which the
    // real answer lacks. Prism replaces the answer with its own 500 and logs it.
    const document = JSON.parse(readFileSync(`${root}/docs/openapi/wallet.json`, 'utf8'));
    document.components.schemas.Wallet.properties.nickname = { type: 'string' };
    document.components.schemas.Wallet.required.push('nickname');
    const dir = mkdtempSync(join(tmpdir(), 'prism-e2e-'));
    writeFileSync(join(dir, 'wallet.json'), JSON.stringify(document));
    const strict = await startProxy('wallet', join(dir, 'wallet.json'));
    rmSync(dir, { recursive: true, force: true });
    const url = `${system.url('wallet')}/v1/wallets/${PHONE}`;
    const res = await fetch(`${strict.url}/v1/wallets/${PHONE}`, {
      headers: await defaultCredentials('GET', url, undefined),
    });
    expect(res.status).toBe(500);
    const problem = (await res.json()) as { type: string; validation: Array<{ location: string[] }> };
    expect(problem.type).toBe('https://stoplight.io/prism/errors#VIOLATIONS');
    expect(problem.validation).toEqual([expect.objectContaining({ location: ['response', 'body'] })]);
    await eventually(async () =>
      expect(strict.output.filter((line) => VIOLATION_LINE.test(line))).toEqual([
        expect.stringContaining('https://stoplight.io/prism/errors#VIOLATIONS'),
      ]),
    );
  });
});
