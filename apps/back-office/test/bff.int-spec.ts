import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { walletApi } from '../../wallet/test/wallet.fixtures.js';
import { createHash } from 'node:crypto';
import { EncryptJWT } from 'jose';
import { SystemClock } from '#platform';
import { createBackOfficeApp } from '../src/back-office.app.js';
import { backOfficeConfig, DEVELOPMENT_SESSION_SECRET } from '../src/back-office.config.js';
import { SESSION_IDLE_S, SessionSealer } from '../src/session/staff-session.js';

/**
 * The BFF in-process in front of a real wallet service (its own database, the test vhost): the session cookie, the
 * CSRF guard, what is forwarded, and that the service itself judges the forwarded staff token.
 */
describe('the back office BFF', () => {
  let wallet: ServiceUnderTest;
  let tap: BrokerTap;
  let bff: INestApplication;
  let url: string;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    wallet = await startService('wallet', async () => (await import('../../wallet/src/app.module.js')).AppModule);
    bff = await createBackOfficeApp(
      backOfficeConfig({
        NODE_ENV: 'test',
        PORT: '0',
        WALLET_URL: wallet.baseUrl,
        LOG_LEVEL: 'silent',
        UI_DIR: '/nonexistent',
      }),
    );
    await bff.listen(0, '127.0.0.1');
    url = await bff.getUrl();
  });

  afterAll(async () => {
    await bff?.close();
    await wallet?.close();
    await tap?.close();
  });

  const signIn = async (roles: string[], headers: Record<string, string> = { 'x-back-office': '1' }) => {
    const res = await fetch(`${url}/api/session/development`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ name: 'Айгуль', roles }),
    });
    return { res, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] };
  };
  const call = (path: string, cookie: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: { cookie, 'x-back-office': '1', 'content-type': 'application/json', ...(init.headers as object) },
    });

  it('signs in for development with an httpOnly, SameSite=Strict cookie, and says who is signed in', async () => {
    const { res, cookie } = await signIn(['auditor']);
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(
      /^bo_session=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Strict$/,
    );
    const session = await (await call('/api/session', cookie)).json();
    expect(session).toMatchObject({
      staff: { name: 'Айгуль', roles: ['auditor'] },
      signIn: { development: true, oidc: false },
    });
  });

  it('refuses a sign-in or a write without the CSRF header or from another site, and an altered cookie', async () => {
    expect((await signIn(['billing'], {})).res.status).toBe(403);
    expect((await signIn(['billing'], { 'x-back-office': '1', 'sec-fetch-site': 'cross-site' })).res.status).toBe(403);
    const { cookie } = await signIn(['billing']);
    const crossSite = await call('/api/services/wallet/v1/parked-messages/1/discard', cookie, {
      method: 'POST',
      body: '{"note":"x"}',
      headers: { 'sec-fetch-site': 'same-site' },
    });
    expect(await crossSite.json()).toMatchObject({ status: 403, code: 'CROSS_SITE_REFUSED' });
    const altered = await call('/api/home', `${cookie.slice(0, -4)}AAAA`);
    expect(await altered.json()).toMatchObject({ status: 401, code: 'SESSION_MISSING' });
  });

  it("forwards reads with the staff member's token, and the service judges it", async () => {
    const phone = await walletApi(wallet).funded('25.00');
    const { cookie } = await signIn(['auditor']);
    const read = await call(`/api/services/wallet/v1/wallets/${phone}`, cookie);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ phone, balance: '25.00' });
    // The audit trail is for auditors only: the wallet itself refuses billing's token.
    const { cookie: billing } = await signIn(['billing']);
    expect(await (await call('/api/services/wallet/v1/audit', billing)).json()).toMatchObject({
      status: 403,
      code: 'ROLE_FORBIDDEN',
    });
    expect((await call('/api/services/wallet/v1/audit', cookie)).status).toBe(200);
  });

  it('forwards no write the UI does not offer, and refuses a write the role may not do before calling the service', async () => {
    const { cookie } = await signIn(['treasury', 'auditor']);
    const topUp = await call('/api/services/wallet/v1/wallets/996555000001/top-ups', cookie, {
      method: 'POST',
      body: '{"amount":"1.00"}',
    });
    expect(await topUp.json()).toMatchObject({ status: 404, code: 'NOT_FORWARDED' });
    const republish = await call('/api/services/wallet/v1/parked-messages/1/republish', cookie, {
      method: 'POST',
      body: '{"note":"x"}',
    });
    expect(await republish.json()).toMatchObject({ status: 403, code: 'ROLE_FORBIDDEN' });
    expect((await call('/api/services/nowhere/v1/x', cookie)).status).toBe(400);
  });

  it('holds a body to 100 kB but on the register upload, which it reads only in a session', async () => {
    const { cookie } = await signIn(['billing']);
    const twoMegabytes = JSON.stringify({ megapayRegister: 'x'.repeat(2 * 1024 * 1024) });
    // Refused by the back office itself, before any service is asked.
    const normal = await call('/api/session/development', '', { method: 'POST', body: twoMegabytes });
    expect(normal.status).toBe(413);
    const upload = '/api/services/payment-router/v1/reconciliation/days/2026-11-26';
    const anonymous = await call(upload, '', { method: 'POST', body: twoMegabytes });
    expect(await anonymous.json()).toMatchObject({ status: 401, code: 'SESSION_MISSING' });
    expect((await call(upload, cookie, { method: 'POST', body: twoMegabytes })).status).not.toBe(413);
  });

  it('refuses the sign-in-under-way cookie, or any sealed value not shaped as a session, as no session (401)', async () => {
    const sealer = new SessionSealer(DEVELOPMENT_SESSION_SECRET, new SystemClock());
    const inAMinute = Math.floor(Date.now() / 1000) + 60;
    const pending = await sealer.sealPending({ verifier: 'v', state: 's' }, inAMinute);
    const key = createHash('sha256').update(`back-office session:${DEVELOPMENT_SESSION_SECRET}`).digest();
    const shapeless = await new EncryptJWT({ state: 's' })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setExpirationTime(inAMinute)
      .encrypt(key);
    for (const value of [pending, shapeless]) {
      const cookie = `bo_session=${value}`;
      expect(await (await call('/api/home', cookie)).json()).toMatchObject({ status: 401, code: 'SESSION_MISSING' });
      const forwarded = await call('/api/services/wallet/v1/parked-messages/1/discard', cookie, {
        method: 'POST',
        body: '{"note":"x"}',
      });
      expect(await forwarded.json()).toMatchObject({ status: 401, code: 'SESSION_MISSING' });
    }
  });

  it('renews the cookie with each request, and refuses one idle past its lifetime', async () => {
    const { cookie } = await signIn(['auditor']);
    const renewed = await call('/api/home', cookie);
    expect(renewed.status).toBe(200);
    expect(renewed.headers.get('set-cookie')).toMatch(/^bo_session=[^;]+; Path=\/; Expires=/);
    const later = await createBackOfficeApp(
      backOfficeConfig({
        NODE_ENV: 'test',
        PORT: '0',
        WALLET_URL: wallet.baseUrl,
        LOG_LEVEL: 'silent',
        UI_DIR: '/nonexistent',
        CLOCK_OFFSET_MS: String((SESSION_IDLE_S + 60) * 1000),
      }),
    );
    await later.listen(0, '127.0.0.1');
    try {
      const res = await fetch(`${await later.getUrl()}/api/home`, { headers: { cookie } });
      expect(await res.json()).toMatchObject({ status: 401, code: 'SESSION_MISSING' });
    } finally {
      await later.close();
    }
  });

  it('signs out by clearing the cookie', async () => {
    const { cookie } = await signIn(['auditor']);
    const out = await call('/api/session', cookie, { method: 'DELETE' });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^bo_session=; Path=\/; Expires=Thu, 01 Jan 1970/);
  });
});

describe('the back office in production', () => {
  it('refuses to start with the development session secret or without an identity provider', () => {
    expect(() => backOfficeConfig({ NODE_ENV: 'production' })).toThrow(
      /SESSION_SECRET: the development secret[\s\S]*OIDC_ISSUER_URL: required/,
    );
  });

  it('offers no development sign-in', async () => {
    const app = await createBackOfficeApp(
      backOfficeConfig({
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        SESSION_SECRET: 'a-production-secret-of-at-least-32-characters',
        OIDC_ISSUER_URL: 'https://id.dostek.invalid',
        OIDC_CLIENT_ID: 'back-office',
        OIDC_REDIRECT_URL: 'https://back-office.dostek.invalid/api/session/oidc/callback',
        UI_DIR: '/nonexistent',
      }),
    );
    await app.listen(0, '127.0.0.1');
    try {
      const base = await app.getUrl();
      const res = await fetch(`${base}/api/session/development`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-back-office': '1' },
        body: '{"name":"x","roles":["billing"]}',
      });
      expect(await res.json()).toMatchObject({ status: 404, code: 'DEVELOPMENT_SIGN_IN_OFF' });
      expect(await (await fetch(`${base}/api/session`)).json()).toEqual({
        staff: null,
        signIn: { development: false, oidc: true },
      });
    } finally {
      await app.close();
    }
  });
});
