import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import amqp from 'amqplib';
import { randomUUID } from 'node:crypto';
import { SochiTopUpRequestedV1 } from '#contracts';
import { buildEnvelope } from '#messaging';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { amqpUrlAs } from '../../../test/support/broker-users.js';
import { eventually } from '../../../test/support/eventually.js';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { asStaff } from '../../../test/support/test-credentials.js';
import { TEST_AMQP_URL } from '../../../test/support/test-env.js';

const INN = '01234567890777';

describe('sochi-balance trusts a top-up only from the wallet’s broker user', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    svc = await startService('sochi-balance', async () => (await import('../src/app.module.js')).AppModule);
    expect(
      (await http(svc.baseUrl, 'POST', '/v1/sochi/organizations', { inn: INN, name: 'ОсОО Подделка' })).status,
    ).toBe(201);
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  const topUp = (amount = '100000000') => {
    const paymentId = randomUUID();
    return buildEnvelope(
      SochiTopUpRequestedV1,
      { paymentId, inn: INN, amount, payerPhone: '996555000001', requestedAt: new Date().toISOString() },
      'wallet',
      {
        correlationId: paymentId,
      },
    );
  };
  const parkedRow = (messageId: string) =>
    eventually(async () => {
      const { rows } = await svc.db.query(
        `SELECT id, code, reason, original_user_id FROM parked_messages WHERE message_id = $1`,
        [messageId],
      );
      expect(rows).toHaveLength(1);
      return rows[0];
    });
  const credited = async (paymentId: string) =>
    (await svc.db.query(`SELECT count(*)::int AS n FROM sochi_ledger WHERE payment_id = $1`, [paymentId])).rows[0].n;

  // The router asked for top-ups until the wallet took over (routing slip): a plausible forger that is not the producer.
  it('published as dostek-payment-router (its own user_id, or none): credits nothing, parked as FORGED_PRODUCER', async () => {
    const withUserId = topUp();
    const withoutUserId = topUp();
    await tap.publish(withUserId, undefined, { user: 'dostek-payment-router' });
    await tap.publish(withoutUserId, undefined, { user: 'dostek-payment-router', userId: null });

    expect(await parkedRow(withUserId.messageId)).toMatchObject({
      code: 'FORGED_PRODUCER',
      original_user_id: 'dostek-payment-router',
      reason:
        'sochi.top-up-requested.v1 is produced by wallet (dostek-wallet), but was published with user_id dostek-payment-router',
    });
    expect(await parkedRow(withoutUserId.messageId)).toMatchObject({
      code: 'FORGED_PRODUCER',
      original_user_id: null,
      reason: expect.stringMatching(/published with no user_id$/),
    });
    expect(await credited(withUserId.payload.paymentId)).toBe(0);
    expect(await credited(withoutUserId.payload.paymentId)).toBe(0);
    expect((await http(svc.baseUrl, 'GET', `/v1/sochi/organizations/${INN}`)).body.balance).toBe('0.00');

    // Staff cannot turn it into a credit either.
    const { id } = await parkedRow(withUserId.messageId);
    const republish = await http(
      svc.baseUrl,
      'POST',
      `/v1/parked-messages/${id}/republish`,
      { note: 'looks fine' },
      await asStaff('billing'),
    );
    expect(republish).toMatchObject({ status: 409, body: { code: 'PARKED_MESSAGE_FORGED' } });
    expect(await credited(withUserId.payload.paymentId)).toBe(0);
  });

  it('claiming a user_id it is not (dostek-payment-router as dostek-wallet) is refused by the broker', async () => {
    const forged = topUp();
    await expect(
      tap.publish(forged, undefined, { user: 'dostek-payment-router', userId: 'dostek-wallet' }),
    ).rejects.toThrow(/user_id property set to 'dostek-wallet' but authenticated user was 'dostek-payment-router'/);
    await new Promise((r) => setTimeout(r, 300));
    expect(await credited(forged.payload.paymentId)).toBe(0);
    const { rows } = await svc.db.query(`SELECT count(*)::int AS n FROM parked_messages WHERE message_id = $1`, [
      forged.messageId,
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('the same top-up from the wallet’s user is credited', async () => {
    const genuine = topUp('15000');
    await tap.publish(genuine);
    await eventually(async () => expect(await credited(genuine.payload.paymentId)).toBe(1));
  });

  it("a service's broker user cannot read, declare or bind another service's queue", async () => {
    const conn = await amqp.connect(amqpUrlAs(TEST_AMQP_URL, 'dostek-wallet'));
    conn.on('error', () => undefined);
    try {
      const refused = async (op: (ch: amqp.Channel) => Promise<unknown>) => {
        const ch = await conn.createChannel();
        ch.on('error', () => undefined);
        return op(ch).then(
          () => 'allowed',
          (e: Error) => e.message,
        );
      };
      expect(await refused((ch) => ch.consume('sochi-balance.events', () => undefined))).toMatch(/ACCESS_REFUSED/);
      expect(await refused((ch) => ch.get('sochi-balance.parking'))).toMatch(/ACCESS_REFUSED/);
      expect(
        await refused((ch) =>
          ch.assertQueue('sochi-balance.events', { durable: true, arguments: { 'x-queue-type': 'quorum' } }),
        ),
      ).toMatch(/ACCESS_REFUSED/);
      expect(await refused((ch) => ch.assertQueue('spy', { exclusive: true }))).toMatch(/ACCESS_REFUSED/);
    } finally {
      await conn.close().catch(() => undefined);
    }
  });
});
