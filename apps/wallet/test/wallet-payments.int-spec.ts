import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { PaymentCompletedV1, PaymentRefundRequestedV1, PaymentRequestedV1 } from '#contracts';
import { buildEnvelope } from '#messaging';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { takeParked, type Parked } from '../../../test/support/parked-store.js';
import { eventually } from '../../../test/support/eventually.js';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { asStaff } from '../../../test/support/test-credentials.js';
import {
  consumed,
  debitFor,
  debitsOf,
  ECP_INVOICE,
  ecpPaymentRequested,
  eventFor,
  newPhone,
  paymentRequested,
  refundRequested,
  SOCHI_INN,
  walletApi,
} from './wallet.fixtures.js';

describe('wallet payments against real PostgreSQL and RabbitMQ', () => {
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

  // Mid-month and mid-day in Bishkek: the month's turnover cannot reset during a test, whenever it runs.
  beforeEach(() => {
    svc.clock.set('2026-11-10T06:00:00Z');
  });
  afterEach(() => svc.clock.release());

  const eventsAbout = (type: string, paymentId: string) =>
    tap.eventsOf(type).filter((e) => e.payload.paymentId === paymentId);
  /** Takes parked messages off the wallet's parking queue until `n` have come. */
  const drainParked = async (n: number) => {
    const parked: Parked[] = [];
    await eventually(async () => {
      parked.push(...(await takeParked(svc.db)));
      expect(parked).toHaveLength(n);
    });
    return parked;
  };
  const ledgerOf = async (paymentId: string) =>
    (
      await svc.db.query(`SELECT kind, amount, balance_after FROM wallet_ledger WHERE payment_id = $1 ORDER BY id`, [
        paymentId,
      ])
    ).rows;

  it('debits a covered СОЧИ payment and sends its top-up straight to sochi-balance, once, with no invoice payment request', async () => {
    const phone = await api.funded('500.00');
    const msg = paymentRequested(phone, '15000');
    await tap.publish(msg);
    const topUp = await eventFor(tap, 'sochi.top-up-requested', msg.payload.paymentId);
    expect(topUp.payload).toEqual({
      paymentId: msg.payload.paymentId,
      inn: SOCHI_INN,
      amount: '15000',
      payerPhone: phone,
      requestedAt: '2026-11-10T06:00:00.000Z', // the debit's instant, not the payment's request
    });
    expect(topUp).toMatchObject({
      version: 1,
      producer: 'wallet',
      causationId: msg.messageId,
      correlationId: msg.correlationId,
    });
    expect(await api.get(phone)).toMatchObject({
      body: { balance: '350.00', monthTurnover: '150.00', monthLimit: '60000.00', availableThisMonth: '59850.00' },
    });
    const ops = (await api.operations(phone)).body.items;
    expect(ops[0]).toMatchObject({
      kind: 'DEBIT',
      amount: '-150.00',
      balanceAfter: '350.00',
      paymentId: msg.payload.paymentId,
      service: 'SOCHI',
      account: SOCHI_INN,
    });
    await consumed(svc, tap, [msg.messageId]);
    expect(eventsAbout('sochi.top-up-requested', msg.payload.paymentId)).toHaveLength(1);
    expect(eventsAbout('ecp.invoice-payment-requested', msg.payload.paymentId)).toHaveLength(0);
    expect(eventsAbout('wallet.payment-rejected', msg.payload.paymentId)).toHaveLength(0);
  });

  it('debits a covered ЭЦП payment and sends it straight to ecp-invoicing, once, with no top-up request', async () => {
    const phone = await api.funded('500.00');
    const msg = ecpPaymentRequested(phone, '2000');
    await tap.publish(msg);
    const invoicePayment = await eventFor(tap, 'ecp.invoice-payment-requested', msg.payload.paymentId);
    expect(invoicePayment.payload).toEqual({
      paymentId: msg.payload.paymentId,
      invoiceNumber: ECP_INVOICE,
      amount: '2000',
      payerPhone: phone,
      requestedAt: '2026-11-10T06:00:00.000Z', // the debit's instant, not the payment's request
    });
    expect(invoicePayment).toMatchObject({
      version: 1,
      producer: 'wallet',
      causationId: msg.messageId,
      correlationId: msg.correlationId,
    });
    expect(await api.get(phone)).toMatchObject({ body: { balance: '480.00', monthTurnover: '20.00' } });
    expect((await api.operations(phone)).body.items[0]).toMatchObject({
      kind: 'DEBIT',
      amount: '-20.00',
      service: 'ECP',
      account: ECP_INVOICE,
    });
    await consumed(svc, tap, [msg.messageId]);
    expect(eventsAbout('ecp.invoice-payment-requested', msg.payload.paymentId)).toHaveLength(1);
    expect(eventsAbout('sochi.top-up-requested', msg.payload.paymentId)).toHaveLength(0);
    expect(eventsAbout('wallet.payment-rejected', msg.payload.paymentId)).toHaveLength(0);
  });

  it('rejects a payment the balance does not cover and changes nothing', async () => {
    const phone = await api.funded('100.00');
    const msg = paymentRequested(phone, '10001');
    await tap.publish(msg);
    const rejected = await eventFor(tap, 'wallet.payment-rejected', msg.payload.paymentId);
    expect(rejected.payload).toEqual({
      paymentId: msg.payload.paymentId,
      phone,
      reason: 'INSUFFICIENT_FUNDS',
      rejectedAt: expect.any(String),
    });
    expect(rejected.causationId).toBe(msg.messageId);
    expect(await api.get(phone)).toMatchObject({ body: { balance: '100.00', monthTurnover: '0.00' } });
    expect(await ledgerOf(msg.payload.paymentId)).toEqual([]);
  });

  it('rejects a payment from a phone without a wallet', async () => {
    const msg = paymentRequested(newPhone(), '100');
    await tap.publish(msg);
    expect((await eventFor(tap, 'wallet.payment-rejected', msg.payload.paymentId)).payload.reason).toBe(
      'WALLET_NOT_FOUND',
    );
  });

  it('debits up to the monthly limit exactly and rejects one tyiyn more', async () => {
    const phone = await api.funded('70000.00');
    const big = paymentRequested(phone, '5999999'); // 59999.99
    await tap.publish(big);
    await debitFor(tap, big);
    const over = paymentRequested(phone, '2');
    await tap.publish(over);
    expect((await eventFor(tap, 'wallet.payment-rejected', over.payload.paymentId)).payload.reason).toBe(
      'MONTHLY_LIMIT_EXCEEDED',
    );
    const exact = paymentRequested(phone, '1');
    await tap.publish(exact);
    await debitFor(tap, exact);
    expect((await api.get(phone)).body).toMatchObject({
      balance: '10000.00',
      monthTurnover: '60000.00',
      availableThisMonth: '0.00',
    });
    // Top-ups do not count and do not make room.
    await api.topUp(phone, { amount: '5.00' });
    expect((await api.get(phone)).body).toMatchObject({
      balance: '10005.00',
      monthTurnover: '60000.00',
      availableThisMonth: '0.00',
    });
  });

  it('applies a duplicate delivery once, whether the message or only the payment repeats', async () => {
    const phone = await api.funded('10.00');
    const msg = paymentRequested(phone, '100');
    const again = { ...msg, messageId: randomUUID() };
    await tap.publish(msg);
    await tap.publish(msg);
    await tap.publish(again);
    await consumed(svc, tap, [msg.messageId, again.messageId]);
    expect(await ledgerOf(msg.payload.paymentId)).toEqual([{ kind: 'DEBIT', amount: '100', balance_after: '900' }]);
    expect(await api.balance(phone)).toBe('9.00');
    await eventually(() => expect(debitsOf(tap, [msg.payload.paymentId])).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 300));
    expect(debitsOf(tap, [msg.payload.paymentId])).toHaveLength(1);
  });

  it('remembers a rejection: the same payment later, with money, is still not debited', async () => {
    const phone = await api.funded('1.00');
    const msg = paymentRequested(phone, '500');
    await tap.publish(msg);
    await eventFor(tap, 'wallet.payment-rejected', msg.payload.paymentId);
    await api.topUp(phone, { amount: '100.00' });
    const again = { ...msg, messageId: randomUUID() };
    await tap.publish(again);
    await consumed(svc, tap, [again.messageId]);
    expect(await api.balance(phone)).toBe('101.00');
    expect(await ledgerOf(msg.payload.paymentId)).toEqual([]);
    expect(eventsAbout('wallet.payment-rejected', msg.payload.paymentId)).toHaveLength(1);
    expect(debitsOf(tap, [msg.payload.paymentId])).toHaveLength(0);
  });

  it('refunds a debited payment once, however often it is asked, and gives the month its room back', async () => {
    const phone = await api.funded('200.00');
    const pay = paymentRequested(phone, '15000');
    await tap.publish(pay);
    await debitFor(tap, pay);
    const first = refundRequested(phone, '15000', pay.payload.paymentId);
    const second = refundRequested(phone, '15000', pay.payload.paymentId);
    await tap.publish(first);
    await tap.publish(second);
    await tap.publish(first);
    const refunded = await eventFor(tap, 'wallet.payment-refunded', pay.payload.paymentId);
    expect(refunded.payload).toEqual({
      paymentId: pay.payload.paymentId,
      phone,
      amount: '15000',
      refundedAt: expect.any(String),
    });
    await consumed(svc, tap, [first.messageId, second.messageId]);
    expect(eventsAbout('wallet.payment-refunded', pay.payload.paymentId)).toHaveLength(1);
    expect(await ledgerOf(pay.payload.paymentId)).toEqual([
      { kind: 'DEBIT', amount: '15000', balance_after: '5000' },
      { kind: 'REFUND', amount: '15000', balance_after: '20000' },
    ]);
    expect((await api.get(phone)).body).toMatchObject({
      balance: '200.00',
      monthTurnover: '0.00',
      availableThisMonth: '60000.00',
    });
    expect((await api.operations(phone)).body.items[0]).toMatchObject({
      kind: 'REFUND',
      amount: '150.00',
      paymentId: pay.payload.paymentId,
      service: 'SOCHI',
    });
    // What billing staff see for this one payment: its debit and its refund, and nothing of the top-up.
    const lines = await http(
      svc.baseUrl,
      'GET',
      `/v1/wallets/${phone}/operations?paymentId=${pay.payload.paymentId}`,
      undefined,
      await asStaff('auditor'),
    );
    expect(
      lines.body.items.map((o: { kind: string; amount: string; balanceAfter: string }) => [
        o.kind,
        o.amount,
        o.balanceAfter,
      ]),
    ).toEqual([
      ['REFUND', '150.00', '200.00'],
      ['DEBIT', '-150.00', '50.00'],
    ]);
    expect((await api.operations(phone, `?paymentId=${randomUUID()}`)).body.items).toEqual([]);
    expect((await api.operations(phone, '?paymentId=not-a-uuid')).status).toBe(400);
  });

  it('takes a refund out of the month its debit counted in', async () => {
    const phone = await api.funded('50.00');
    const paymentId = randomUUID();
    // A debit recorded in October, as if made then.
    await svc.db.query(
      `WITH w AS (UPDATE wallets SET balance = balance - 1000 WHERE phone = $1 RETURNING balance)
       INSERT INTO wallet_ledger (phone, kind, amount, balance_after, payment_id, service, account, turnover_month, created_at)
       SELECT $1, 'DEBIT', 1000, balance, $2, 'ECP', '0123456789012345', '2026-10', '2026-10-15T06:00:00Z' FROM w`,
      [phone, paymentId],
    );
    await svc.db.query(`INSERT INTO wallet_month_turnover (phone, month, amount) VALUES ($1, '2026-10', 1000)`, [
      phone,
    ]);
    const pay = paymentRequested(phone, '700');
    await tap.publish(pay);
    await debitFor(tap, pay);
    await tap.publish(refundRequested(phone, '1000', paymentId));
    await eventFor(tap, 'wallet.payment-refunded', paymentId);
    const { rows } = await svc.db.query(
      `SELECT month, amount FROM wallet_month_turnover WHERE phone = $1 ORDER BY month`,
      [phone],
    );
    expect(rows.find((r: any) => r.month === '2026-10').amount).toBe('0');
    expect((await api.get(phone)).body).toMatchObject({ balance: '43.00', monthTurnover: '7.00' });
  });

  it('parks a refund of a payment never debited (or rejected) as REFUND_WITHOUT_DEBIT, and one of another amount as REFUND_MISMATCH', async () => {
    await takeParked(svc.db);
    const phone = await api.funded('1.00');
    const rejectedPay = paymentRequested(phone, '500');
    await tap.publish(rejectedPay);
    await eventFor(tap, 'wallet.payment-rejected', rejectedPay.payload.paymentId);
    const debitedPay = paymentRequested(phone, '50');
    await tap.publish(debitedPay);
    await debitFor(tap, debitedPay);

    await tap.publish(refundRequested(phone, '100', randomUUID()));
    await tap.publish(refundRequested(phone, '500', rejectedPay.payload.paymentId));
    await tap.publish(refundRequested(phone, '51', debitedPay.payload.paymentId));
    const parked = await drainParked(3);
    expect(parked.map((p) => p.code).sort()).toEqual([
      'REFUND_MISMATCH',
      'REFUND_WITHOUT_DEBIT',
      'REFUND_WITHOUT_DEBIT',
    ]);
    await svc.flushOutbox();
    expect(tap.eventsOf('wallet.payment-refunded').filter((e) => e.payload.phone === phone)).toHaveLength(0);
    expect(await api.balance(phone)).toBe('0.50');
  });

  it('parks poison messages with their reasons and keeps consuming', async () => {
    await takeParked(svc.db);
    const phone = await api.funded('10.00');
    const key = PaymentRequestedV1.routingKey;
    await tap.publishRaw(key, 'not json {');
    await tap.publishRaw(key, JSON.stringify({ hello: 'world' }));
    await tap.publish({ ...paymentRequested(phone, '100'), version: 9 }, key);
    await tap.publish({
      ...paymentRequested(phone, '100'),
      payload: { paymentId: randomUUID(), phone, amount: '1.5' },
    } as never);
    await tap.publish(paymentRequested(phone, '0'));
    await tap.publish(
      { ...refundRequested(phone, '100', randomUUID()), payload: { paymentId: 'x' } } as never,
      PaymentRefundRequestedV1.routingKey,
    );
    const good = paymentRequested(phone, '200');
    await tap.publish(good);
    await debitFor(tap, good);
    const parked = await drainParked(6);
    expect(parked.map((p) => p.code).sort()).toEqual([
      'DATA_REJECTED',
      'INVALID_AMOUNT',
      'INVALID_ENVELOPE',
      'SCHEMA_VIOLATION',
      'SCHEMA_VIOLATION',
      'UNKNOWN_EVENT',
    ]);
    expect(await api.balance(phone)).toBe('8.00');
  });

  it('parks an outcome whose account PostgreSQL cannot store (a NUL byte) at once, and takes the next one', async () => {
    await takeParked(svc.db);
    const phone = await api.funded('10.00');
    const completed = (account: string) => {
      const paymentId = randomUUID();
      return buildEnvelope(
        PaymentCompletedV1,
        {
          paymentId,
          autopaymentRunId: null,
          phone,
          service: 'ECP',
          account,
          amount: '300',
          completedAt: new Date().toISOString(),
        },
        'payment-router',
        { correlationId: paymentId },
      );
    };
    // The contract lets any text of 1–32 characters through as a final outcome's account (the router only reports
    // it); the notice the wallet stores quotes it, and the database refuses a NUL in it.
    const poison = completed('0123456789\u00000123');
    const started = Date.now();
    await tap.publish(poison);
    const [parked] = await drainParked(1);
    expect(parked).toMatchObject({ code: 'DATA_REJECTED', messageId: poison.messageId });
    expect(parked.reason).toMatch(/SQLSTATE (08P01|22021)/);
    // At once: not held as an outage, nor retried with backoff (200 + 400 + 800 + 1600 ms before RETRIES_EXHAUSTED).
    expect(Date.now() - started).toBeLessThan(2_000);
    const good = completed(ECP_INVOICE);
    await tap.publish(good);
    expect((await eventFor(tap, 'wallet.notification-raised', good.payload.paymentId)).payload).toMatchObject({
      phone,
      kind: 'PAYMENT_COMPLETED',
    });
    const stored = await svc.db.query(`SELECT payment_id FROM notifications WHERE payment_id = ANY($1::uuid[])`, [
      [poison.payload.paymentId, good.payload.paymentId],
    ]);
    expect(stored.rows).toEqual([{ payment_id: good.payload.paymentId }]);
    const { rows } = await svc.db.query(`SELECT count(*)::int AS n FROM inbox WHERE message_id = $1`, [
      poison.messageId,
    ]);
    expect(rows[0].n).toBe(0);
    expect(eventsAbout('wallet.notification-raised', poison.payload.paymentId)).toHaveLength(0);
    expect(await tap.queueDepth('wallet.events')).toBe(0);
  });

  it('parks a payment its payee could not take by its account (a СОЧИ one not an INN, an ЭЦП one not an invoice number) as a schema violation, before anything is debited', async () => {
    await takeParked(svc.db);
    const phone = await api.funded('10.00');
    // The wallet would send each on to its payee with the account as the INN or the invoice number: the contract
    // refuses it first. A NUL byte, which only PostgreSQL used to refuse, goes the same way.
    const notInn = paymentRequested(phone, '300');
    notInn.payload.account = 'ABC-1';
    const shortInvoice = ecpPaymentRequested(phone, '300');
    shortInvoice.payload.account = ECP_INVOICE.slice(1);
    const withNul = ecpPaymentRequested(phone, '300');
    withNul.payload.account = '0123456789\u000012345';
    const poisons = [notInn, shortInvoice, withNul];
    for (const m of poisons) await tap.publish(m);
    const parked = await drainParked(3);
    expect(parked.map((p) => p.messageId).sort()).toEqual(poisons.map((m) => m.messageId).sort());
    for (const p of parked) {
      expect(p.code).toBe('SCHEMA_VIOLATION');
      expect(p.reason).toContain('the account of a СОЧИ payment is an INN (14 digits), of an ЭЦП payment an invoice');
    }
    expect(await api.balance(phone)).toBe('10.00');
    for (const m of poisons) expect(await ledgerOf(m.payload.paymentId)).toEqual([]);
    const ids = poisons.map((m) => m.payload.paymentId);
    expect(debitsOf(tap, ids)).toHaveLength(0);
    expect(tap.eventsOf('wallet.payment-rejected').filter((e) => ids.includes(e.payload.paymentId))).toHaveLength(0);
  });

  it('never overdraws under 20 concurrent payments whose sum exceeds the balance', async () => {
    const phone = await api.funded('100.00');
    const requests = Array.from({ length: 20 }, () => paymentRequested(phone, '700')); // 20 × 7.00 = 140.00
    await Promise.all(requests.map((m) => tap.publish(m)));
    await consumed(
      svc,
      tap,
      requests.map((m) => m.messageId),
    );
    const ids = new Set(requests.map((m) => m.payload.paymentId));
    await eventually(() => {
      const decided = tap.seen.filter(
        (e) => e.producer === 'wallet' && ids.has((e.payload as { paymentId?: string } | undefined)?.paymentId ?? ''),
      );
      expect(decided).toHaveLength(20);
    });
    const debited = debitsOf(tap, ids);
    const rejected = tap.eventsOf('wallet.payment-rejected').filter((e) => ids.has(e.payload.paymentId));
    expect(debited).toHaveLength(14);
    expect(rejected.every((e) => e.payload.reason === 'INSUFFICIENT_FUNDS')).toBe(true);
    const debitedSum = debited.reduce((sum, e) => sum + BigInt(e.payload.amount), 0n);
    expect(debitedSum).toBe(10000n - 200n);
    expect(await api.balance(phone)).toBe('2.00');
    const { rows } = await svc.db.query(
      `SELECT amount, balance_after FROM wallet_ledger WHERE phone = $1 ORDER BY id`,
      [phone],
    );
    // Each entry follows from the one before it: no lost update, and never below zero.
    let balance = 0n;
    for (const [i, r] of rows.entries()) {
      balance = i === 0 ? BigInt(r.amount) : balance - BigInt(r.amount);
      expect(BigInt(r.balance_after)).toBe(balance);
      expect(balance >= 0n).toBe(true);
    }
  });

  it('keeps every balance equal to its ledger and every turnover equal to its debits less refunds', async () => {
    const balances = await svc.db.query(
      `SELECT w.phone, w.balance::text AS balance,
              coalesce(sum(CASE l.kind WHEN 'DEBIT' THEN -l.amount ELSE l.amount END), 0)::text AS ledger
         FROM wallets w LEFT JOIN wallet_ledger l ON l.phone = w.phone GROUP BY w.phone, w.balance`,
    );
    for (const r of balances.rows) expect(r.balance).toBe(r.ledger);
    const turnovers = await svc.db.query(
      `SELECT t.phone, t.month, t.amount::text AS amount,
              coalesce((SELECT sum(CASE l.kind WHEN 'DEBIT' THEN l.amount ELSE -l.amount END) FROM wallet_ledger l
                         WHERE l.phone = t.phone AND l.turnover_month = t.month), 0)::text AS ledger
         FROM wallet_month_turnover t`,
    );
    expect(turnovers.rows.length).toBeGreaterThan(0);
    for (const r of turnovers.rows) expect(r.amount).toBe(r.ledger);
  });
});
