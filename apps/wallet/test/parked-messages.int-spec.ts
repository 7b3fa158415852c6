import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { PaymentRequestedV1 } from '#contracts';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { eventually } from '../../../test/support/eventually.js';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { asStaff } from '../../../test/support/test-credentials.js';
import { debitFor, eventFor, paymentRequested, refundRequested, walletApi } from './wallet.fixtures.js';

describe('parked messages: stored, listed, republished through the consumer, discarded (wallet)', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;
  let api: ReturnType<typeof walletApi>;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    svc = await startService('wallet', async () => (await import('../src/app.module.js')).AppModule);
    api = walletApi(svc);
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  beforeEach(() => {
    svc.clock.set('2026-11-10T06:00:00Z');
  });
  afterEach(() => svc.clock.release());

  const list = async (query = '', role: 'auditor' | 'treasury' = 'auditor') =>
    http(svc.baseUrl, 'GET', `/v1/parked-messages${query}`, undefined, await asStaff(role));
  const act = async (
    id: string,
    action: 'republish' | 'discard',
    note: string,
    role: 'billing' | 'auditor' = 'billing',
  ) => http(svc.baseUrl, 'POST', `/v1/parked-messages/${id}/${action}`, { note }, await asStaff(role));
  const openOne = (messageId: string) =>
    eventually(async () => {
      const { body } = await list();
      const item = body.items.find((i: { messageId: string }) => i.messageId === messageId);
      expect(item).toBeDefined();
      return item;
    });

  it('a refund that came before its debit: parked, listed, refused until processable, then republished and applied once', async () => {
    const phone = await api.funded('5.00');
    const paymentId = randomUUID();
    const refund = refundRequested(phone, '100', paymentId);
    await tap.publish(refund);

    const parked = await openOne(refund.messageId);
    expect(parked).toMatchObject({
      queue: 'wallet.parking',
      routingKey: 'payment.refund-requested.v1',
      code: 'REFUND_WITHOUT_DEBIT',
      originalUserId: 'dostek-payment-router',
      status: 'OPEN',
      resolvedAt: null,
    });
    expect(JSON.parse(parked.body)).toEqual(refund);
    expect(Buffer.from(parked.bodyBase64, 'base64').toString()).toBe(parked.body);
    const byCode = await list('?code=REFUND_WITHOUT_DEBIT&limit=1', 'treasury');
    expect(byCode.status).toBe(200);
    expect(byCode.body).toMatchObject({ total: 1, items: [{ id: parked.id }], nextBefore: parked.id });
    expect((await list('?code=SCHEMA_VIOLATION')).body).toEqual({ items: [], total: 0, nextBefore: null });

    expect((await act(parked.id, 'republish', 'try', 'auditor')).body).toMatchObject({
      status: 403,
      code: 'ROLE_FORBIDDEN',
    });
    const early = await act(parked.id, 'republish', 'the debit should be there');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'REPUBLISH_FAILED', parkedCode: 'REFUND_WITHOUT_DEBIT' });

    // What it needed arrives: the debit of that payment.
    const pay = paymentRequested(phone, '100', paymentId);
    await tap.publish(pay);
    await debitFor(tap, pay);
    expect(await api.balance(phone)).toBe('4.00');

    const done = await act(parked.id, 'republish', 'the debit came late; refund it now');
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      id: parked.id,
      status: 'REPUBLISHED',
      resolvedBy: 'staff:staff-billing',
      resolutionNote: 'the debit came late; refund it now',
    });
    await svc.flushOutbox();
    await eventFor(tap, 'wallet.payment-refunded', paymentId);
    expect(await api.balance(phone)).toBe('5.00');

    expect((await list()).body.items.map((i: { id: string }) => i.id)).not.toContain(parked.id);
    expect((await list('?status=REPUBLISHED')).body.items).toEqual([expect.objectContaining({ id: parked.id })]);
    const again = await act(parked.id, 'republish', 'once more');
    expect(again).toMatchObject({ status: 409, body: { code: 'PARKED_MESSAGE_RESOLVED' } });
    const { rows } = await svc.db.query(`SELECT count(*)::int AS n FROM inbox WHERE message_id = $1`, [
      refund.messageId,
    ]);
    expect(rows[0].n).toBe(1);

    const audit = await http(
      svc.baseUrl,
      'GET',
      `/v1/audit?subject=parked-message:${parked.id}`,
      undefined,
      await asStaff('auditor'),
    );
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        actor: 'staff:staff-billing',
        action: 'parked-message.republished',
        after: { status: 'REPUBLISHED', note: 'the debit came late; refund it now' },
      }),
    ]);
  });

  it('a message nobody can process is discarded with a note, kept for the record, and audited', async () => {
    const messageId = randomUUID();
    await tap.publishRaw(PaymentRequestedV1.routingKey, Buffer.from([0xff, 0x00, 0x7b]), messageId);
    const parked = await openOne(messageId);
    expect(parked.code).toBe('DATA_REJECTED');
    expect(Buffer.from(parked.bodyBase64, 'base64')).toEqual(Buffer.from([0xff, 0x00, 0x7b]));

    expect((await act(parked.id, 'discard', 'garbage', 'auditor')).status).toBe(403);
    const discarded = await act(parked.id, 'discard', 'not a message: bytes from a broken client');
    expect(discarded).toMatchObject({
      status: 200,
      body: { status: 'DISCARDED', resolutionNote: 'not a message: bytes from a broken client' },
    });
    expect((await list()).body.items.map((i: { id: string }) => i.id)).not.toContain(parked.id);
    expect((await act(parked.id, 'discard', 'again')).body.code).toBe('PARKED_MESSAGE_RESOLVED');
    expect((await act('999999', 'discard', 'none')).body.code).toBe('PARKED_MESSAGE_NOT_FOUND');
    const audit = await http(
      svc.baseUrl,
      'GET',
      `/v1/audit?subject=parked-message:${parked.id}`,
      undefined,
      await asStaff('auditor'),
    );
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'parked-message.discarded' })]);
  });

  it('a message parked twice while open is stored once', async () => {
    const refund = refundRequested(await api.funded('1.00'), '100', randomUUID());
    await tap.publish(refund);
    await tap.publish(refund);
    await openOne(refund.messageId);
    await new Promise((r) => setTimeout(r, 300));
    const { rows } = await svc.db.query(`SELECT count(*)::int AS n FROM parked_messages WHERE message_id = $1`, [
      refund.messageId,
    ]);
    expect(rows[0].n).toBe(1);
  });
});
