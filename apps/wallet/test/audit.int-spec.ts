import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { asStaff } from '../../../test/support/test-credentials.js';
import { newPhone } from './wallet.fixtures.js';

/** Every staff and partner write of the wallet leaves one audit row in its own transaction; auditors read them. */
describe("the wallet's audit trail against real PostgreSQL", () => {
  let svc: ServiceUnderTest;

  beforeAll(async () => {
    svc = await startService('wallet', async () => (await import('../src/app.module.js')).AppModule);
  });

  afterAll(async () => {
    await svc?.close();
  });

  const audit = async (phone: string) =>
    (await http(svc.baseUrl, 'GET', `/v1/audit?subject=wallet:${phone}`, undefined, await asStaff('auditor'))).body
      .items as any[];

  it('records who opened and topped up a wallet, in which request, with the balance before and after', async () => {
    const phone = newPhone();
    expect((await http(svc.baseUrl, 'POST', '/v1/wallets', { phone }, { 'X-Request-Id': 'req-open-1' })).status).toBe(
      201,
    );
    const key = randomUUID();
    const treasury = await asStaff('treasury');
    expect(
      (
        await http(
          svc.baseUrl,
          'POST',
          `/v1/wallets/${phone}/top-ups`,
          { amount: '25.00' },
          { ...treasury, 'Idempotency-Key': key, 'X-Request-Id': 'req-top-up-1' },
        )
      ).status,
    ).toBe(201);
    // A retry changes nothing, and so records nothing.
    expect(
      (
        await http(
          svc.baseUrl,
          'POST',
          `/v1/wallets/${phone}/top-ups`,
          { amount: '25.00' },
          { ...treasury, 'Idempotency-Key': key },
        )
      ).status,
    ).toBe(200);
    // A refused write records nothing either.
    expect(
      (
        await http(
          svc.baseUrl,
          'POST',
          `/v1/wallets/${newPhone()}/top-ups`,
          { amount: '25.00' },
          { ...treasury, 'Idempotency-Key': randomUUID() },
        )
      ).status,
    ).toBe(404);

    expect(await audit(phone)).toEqual([
      {
        id: expect.any(String),
        at: expect.any(String),
        actor: 'staff:staff-treasury',
        actorName: 'Тестовый сотрудник',
        requestId: 'req-top-up-1',
        action: 'wallet.topped-up',
        subject: `wallet:${phone}`,
        before: { balance: '0' },
        after: { balance: '2500', amount: '2500', idempotencyKey: key },
      },
      expect.objectContaining({
        actor: 'partner:megapay-dev',
        actorName: null,
        requestId: 'req-open-1',
        action: 'wallet.opened',
        before: null,
      }),
    ]);
  });

  it('shows the trail to auditors only, and keeps it append-only', async () => {
    expect((await http(svc.baseUrl, 'GET', '/v1/audit', undefined, await asStaff('billing'))).body.code).toBe(
      'ROLE_FORBIDDEN',
    );
    expect((await http(svc.baseUrl, 'GET', '/v1/audit')).body.code).toBe('SCOPE_FORBIDDEN');
    await expect(svc.db.query(`UPDATE audit_trail SET actor = 'someone else'`)).rejects.toThrow(
      'the audit trail is append-only',
    );
    await expect(svc.db.query(`DELETE FROM audit_trail`)).rejects.toThrow('the audit trail is append-only');
  });
});
