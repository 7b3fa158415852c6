import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import {
  DEVELOPMENT_PARTNER,
  DEVELOPMENT_SERVICE_QUERIES,
  PARTNER_SCOPES,
  signedHeaders,
  STAFF_ROLES,
  type PartnerScope,
  type SigningKeyRef,
  type StaffRole,
} from '#platform';
import { MegaPayApiError, MegaPayClient, type Payment, type PaymentRequest } from '#megapay-client';
import { endpointsOf, type EndpointAccess } from '../contract/support/access-table.js';
import { http } from '../support/service-harness.js';
import { RunningSystem, SERVICE_NAMES } from '../support/system.js';
import { staffToken } from '../support/test-credentials.js';

/** A key per partner scope, so that every scope can be tried alone. */
const scopeKey = (scope: PartnerScope): SigningKeyRef => ({
  keyid: `only-${scope}`,
  secret: `test-only-secret-of-the-${scope}-key-0123456789`,
});
const PARTNER_KEYS = JSON.stringify([
  { keyid: DEVELOPMENT_PARTNER.keyid, secrets: [DEVELOPMENT_PARTNER.secret], scopes: DEVELOPMENT_PARTNER.scopes },
  {
    keyid: DEVELOPMENT_SERVICE_QUERIES.keyid,
    secrets: [DEVELOPMENT_SERVICE_QUERIES.secret],
    scopes: DEVELOPMENT_SERVICE_QUERIES.scopes,
  },
  ...PARTNER_SCOPES.map((s) => ({ keyid: scopeKey(s).keyid, secrets: [scopeKey(s).secret], scopes: [s] })),
]);

/** Path parameters that name things that need not exist: an access check comes before any lookup. */
const PARAMS: Record<string, string> = {
  phone: '996700999999',
  id: '00000000-0000-4000-8000-000000000000',
  inn: '01234567890123',
  number: '4539578763621486',
  code: 'RUTOKEN',
};

/**
 * Walks every endpoint of the running services, as docs/security-endpoints.md lists them (from each service's OpenAPI
 * document), and tries it with no credential, a bad signature, an expired one, a replayed nonce, a key of each scope
 * and a token of each role: each is refused or admitted exactly as its rule says.
 */
describe('who may call what, endpoint by endpoint, against the running services', () => {
  let system: RunningSystem;
  let endpoints: EndpointAccess[];

  beforeAll(async () => {
    system = await RunningSystem.start({ dbPrefix: 'dostek_access_', basePort: 4900, env: { PARTNER_KEYS } });
    const docs = new Map<string, unknown>();
    for (const service of SERVICE_NAMES)
      docs.set(
        service,
        (await http(system.url(service), 'GET', '/docs-json', undefined, {}, { credentials: 'none' })).body,
      );
    endpoints = endpointsOf(docs as Map<string, any>);
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  const target = (e: EndpointAccess) =>
    `${system.url(e.service as (typeof SERVICE_NAMES)[number])}${e.path.replace(/\{(\w+)\}/g, (_, p: string) => PARAMS[p] ?? p)}`;
  const bodyOf = (e: EndpointAccess) => (['POST', 'PUT', 'PATCH'].includes(e.method) ? '{}' : undefined);
  async function send(e: EndpointAccess, headers: Record<string, string>) {
    const body = bodyOf(e);
    const res = await fetch(target(e), {
      method: e.method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body,
    });
    const text = await res.text();
    let code: string | undefined;
    try {
      code = JSON.parse(text).code;
    } catch {
      code = undefined;
    }
    return { status: res.status, code };
  }
  const signedAs = (e: EndpointAccess, key: SigningKeyRef, options: { created?: Date; nonce?: string } = {}) =>
    signedHeaders(
      key,
      {
        method: e.method,
        url: target(e),
        body: bodyOf(e),
        headers: bodyOf(e) ? { 'content-type': 'application/json' } : {},
      },
      options,
    );
  const bearer = async (roles: StaffRole[], options: { issuedAt?: Date; expiresIn?: string | number } = {}) => ({
    authorization: `Bearer ${await staffToken(roles, options)}`,
  });
  const admitted = (r: { status: number }) => r.status !== 401 && r.status !== 403;

  it('has a rule for every endpoint of the four services', () => {
    expect(endpoints.length).toBeGreaterThan(30);
    expect(new Set(endpoints.map((e) => e.service))).toEqual(new Set(SERVICE_NAMES));
  });

  it('admits anyone to the open endpoints, and nobody without a credential elsewhere', async () => {
    for (const e of endpoints) {
      const r = await send(e, {});
      const name = `${e.method} ${e.path}`;
      if ('open' in e.access) expect({ name, admitted: admitted(r) }).toEqual({ name, admitted: true });
      else
        expect({ name, ...r }).toEqual({
          name,
          status: 401,
          code: e.access.partners.length > 0 ? 'SIGNATURE_MISSING' : 'TOKEN_MISSING',
        });
    }
  });

  it('refuses a bad signature, an expired one, an unknown key and a replayed nonce on every partner endpoint', async () => {
    for (const e of endpoints.filter((x) => !('open' in x.access) && x.access.partners.length > 0)) {
      const name = `${e.method} ${e.path}`;
      const key = scopeKey((e.access as { partners: PartnerScope[] }).partners[0]);
      expect({ name, ...(await send(e, await signedAs(e, { ...key, secret: `${key.secret}-not-it` }))) }).toEqual({
        name,
        status: 401,
        code: 'SIGNATURE_INVALID',
      });
      expect({ name, ...(await send(e, await signedAs(e, key, { created: new Date(Date.now() - 301_000) }))) }).toEqual(
        { name, status: 401, code: 'SIGNATURE_EXPIRED' },
      );
      // Ahead by more than the skew with a margin: a request that takes a while to arrive (a busy machine) is still ahead.
      expect({ name, ...(await send(e, await signedAs(e, key, { created: new Date(Date.now() + 330_000) }))) }).toEqual(
        { name, status: 401, code: 'SIGNATURE_EXPIRED' },
      );
      expect({ name, ...(await send(e, await signedAs(e, { keyid: 'nobody', secret: key.secret }))) }).toEqual({
        name,
        status: 401,
        code: 'UNKNOWN_KEY',
      });
      const once = await signedAs(e, key, { nonce: randomUUID() });
      expect({ name, admitted: admitted(await send(e, once)) }).toEqual({ name, admitted: true });
      expect({ name, ...(await send(e, once)) }).toEqual({ name, status: 401, code: 'NONCE_REUSED' });
    }
  });

  it('admits each scope and role the rule names, and refuses every other with 403', async () => {
    for (const e of endpoints.filter((x) => !('open' in x.access))) {
      const access = e.access as { partners: PartnerScope[]; staff: StaffRole[] };
      const name = `${e.method} ${e.path}`;
      for (const scope of PARTNER_SCOPES) {
        const r = await send(e, await signedAs(e, scopeKey(scope)));
        if (access.partners.includes(scope))
          expect({ name, scope, admitted: admitted(r) }).toEqual({ name, scope, admitted: true });
        else expect({ name, scope, ...r }).toEqual({ name, scope, status: 403, code: 'SCOPE_FORBIDDEN' });
      }
      for (const role of STAFF_ROLES) {
        const r = await send(e, await bearer([role]));
        if (access.staff.includes(role))
          expect({ name, role, admitted: admitted(r) }).toEqual({ name, role, admitted: true });
        else expect({ name, role, ...r }).toEqual({ name, role, status: 403, code: 'ROLE_FORBIDDEN' });
      }
    }
  });

  it('refuses an expired, a forged and a malformed staff token', async () => {
    const e = endpoints.find((x) => x.method === 'POST' && x.path === '/v1/ecp/invoices/{number}/cancel')!;
    expect(
      await send(
        e,
        await bearer(['billing'], {
          issuedAt: new Date(Date.now() - 7_200_000),
          expiresIn: Math.floor(Date.now() / 1000) - 3600,
        }),
      ),
    ).toEqual({ status: 401, code: 'TOKEN_EXPIRED' });
    const token = (await bearer(['billing'])).authorization;
    const forged = `${token.slice(0, token.lastIndexOf('.'))}.${Buffer.from('not the signature').toString('base64url')}`;
    expect(await send(e, { authorization: forged })).toEqual({ status: 401, code: 'TOKEN_INVALID' });
    expect(await send(e, { authorization: 'Basic YWRtaW46YWRtaW4=' })).toEqual({ status: 401, code: 'TOKEN_INVALID' });
  });

  it('refuses an Idempotency-Key the signature does not cover or that was changed after signing, paying nothing', async () => {
    const e = endpoints.find((x) => x.method === 'POST' && x.path === '/v1/payments')!;
    const body = JSON.stringify({ phone: '996555777002', service: 'SOCHI', account: '07777777777701', amount: '1.00' });
    const send = async (headers: Record<string, string>) => {
      const res = await fetch(target(e), { method: 'POST', headers, body });
      const problem = (await res.json()) as { code: string; detail?: string; message?: string };
      return { status: res.status, code: problem.code, text: JSON.stringify(problem) };
    };
    const json = { 'content-type': 'application/json' };
    const uncovered = await signedHeaders(scopeKey('payments'), {
      method: 'POST',
      url: target(e),
      body,
      headers: json,
    });
    const refused = await send({ ...json, ...uncovered, 'idempotency-key': randomUUID() });
    expect({ status: refused.status, code: refused.code }).toEqual({ status: 401, code: 'SIGNATURE_INVALID' });
    expect(refused.text).toMatch(/idempotency-key/);
    const signed = await signedHeaders(scopeKey('payments'), {
      method: 'POST',
      url: target(e),
      body,
      headers: { ...json, 'idempotency-key': 'signed-key-1' },
    });
    expect(await send({ ...json, ...signed, 'idempotency-key': 'changed-key-1' })).toMatchObject({
      status: 401,
      code: 'SIGNATURE_INVALID',
    });
  });

  it('refuses a body that is not the one signed', async () => {
    const e = endpoints.find((x) => x.method === 'POST' && x.path === '/v1/payments/check')!;
    const headers = await signedAs(e, scopeKey('payments'));
    const res = await fetch(target(e), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: '{"amount":"1.00"}',
    });
    expect({ status: res.status, code: ((await res.json()) as { code: string }).code }).toEqual({
      status: 401,
      code: 'SIGNATURE_INVALID',
    });
  });

  it.each(SERVICE_NAMES)(
    'refuses to start %s with NODE_ENV=production and the development credentials, naming each',
    async (service) => {
      // Asynchronously: a blocked event loop would miss the services closing idle keep-alive sockets, and the next
      // request on one would fail.
      const started = await promisify(execFile)(process.execPath, [`dist/apps/${service}/src/main.js`], {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'production',
          PORT: '0',
          AMQP_URL: 'amqp://127.0.0.1:1',
          DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
          // Overrides nothing any more: development-secrets.ts has no way around it.
          ECP_ALLOW_DEVELOPMENT_KEYS: 'true',
        },
        encoding: 'utf8',
        timeout: 30_000,
      }).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
      );
      expect(started.code).not.toBe(0);
      expect(started.stderr).toContain(
        'refusing to start with NODE_ENV=production while development credentials are configured',
      );
      expect(started.stderr).toContain('PARTNER_KEYS: the development partner key "megapay-dev"');
      expect(started.stderr).toContain('STAFF_ISSUER: the development staff issuer');
      if (service === 'ecp-invoicing') {
        expect(started.stderr).toContain(
          'ECP_KEY_ENCRYPTION_KEYS: "development" is the development key-encryption key',
        );
        expect(started.stderr).toContain('ECP_CA_CERT_PEM: not set');
      }
    },
  );

  /** Starts a built app with only `env` (and PATH), to see it refuse; its exit code and standard error. */
  const startRefused = (main: string, env: Record<string, string>) =>
    promisify(execFile)(process.execPath, [main], {
      env: { PATH: process.env.PATH, ...env },
      encoding: 'utf8',
      timeout: 30_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );

  it.each([
    ['NODE_ENV=staging', { NODE_ENV: 'staging' }, 'refusing to start with NODE_ENV=staging'],
    ['NODE_ENV=Production', { NODE_ENV: 'Production' }, 'refusing to start with NODE_ENV=Production'],
    ['NODE_ENV unset', {}, 'refusing to start with NODE_ENV unset (set NODE_ENV=development for local use)'],
  ])(
    'refuses to start wallet with %s and the defaults: only development or test trusts them',
    async (_, mode, says) => {
      const started = await startRefused('dist/apps/wallet/src/main.js', {
        ...mode,
        PORT: '0',
        AMQP_URL: 'amqp://127.0.0.1:1',
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      });
      expect(started.code).not.toBe(0);
      expect(started.stderr).toContain(says);
      expect(started.stderr).toContain('PARTNER_KEYS: the development partner key "megapay-dev"');
      expect(started.stderr).toContain("STAFF_JWKS: the development staff issuer's key");
    },
  );

  it.each([
    ['NODE_ENV=staging', { NODE_ENV: 'staging' }],
    ['NODE_ENV unset', {}],
  ])('refuses to start the back office with %s and the development session secret', async (_, mode) => {
    const started = await startRefused('dist/apps/back-office/src/main.js', { ...mode, PORT: '0' });
    expect(started.code).not.toBe(0);
    expect(started.stderr).toContain('SESSION_SECRET: the development secret');
  });

  it("lets MegaPay pay through its client library, typed by the router's document: signed, idempotent, polled to COMPLETED", async () => {
    const phone = '996555777001';
    const inn = '07777777777701';
    expect((await http(system.url('wallet'), 'POST', '/v1/wallets', { phone })).status).toBe(201);
    expect(
      (
        await http(
          system.url('wallet'),
          'POST',
          `/v1/wallets/${phone}/top-ups`,
          { amount: '100.00' },
          { 'Idempotency-Key': randomUUID() },
        )
      ).status,
    ).toBe(201);
    expect(
      (await http(system.url('sochi-balance'), 'POST', '/v1/sochi/organizations', { inn, name: 'ОсОО «Клиент»' }))
        .status,
    ).toBe(201);
    const client = new MegaPayClient({ baseUrl: system.url('payment-router'), key: scopeKey('payments') });
    // The types generated from the router's OpenAPI document (libs/megapay-client/src/generated).
    const payment: PaymentRequest = { phone, service: 'SOCHI', account: inn, amount: '40.00' };
    expect(await client.check(payment)).toMatchObject({ payable: true, holderName: 'ОсОО «Клиент»' });
    const key = randomUUID();
    const done: Payment = await client.payAndWait(payment, key, { timeoutMs: 30_000 });
    expect(done).toMatchObject({ status: 'COMPLETED', amount: '40.00' });
    // A retry after a lost answer is the same payment.
    expect((await client.pay(payment, key)).id).toBe(done.id);
    const refused = await client.pay({ ...payment, amount: '1.00' }, key).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MegaPayApiError);
    expect(refused).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    const wrongScope = new MegaPayClient({
      baseUrl: system.url('payment-router'),
      key: scopeKey('sochi-reports'),
      attempts: 1,
    });
    await expect(wrongScope.payment(done.id)).rejects.toMatchObject({ status: 403, code: 'SCOPE_FORBIDDEN' });
  });
});
