import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { somToTyiyn } from '#money';
import { BrokerTap } from '../support/broker-tap.js';
import { eventually } from '../support/eventually.js';
import { MegaPayClient } from '../support/megapay-client.js';
import { auditMoney, expectMessagingSettled, type Ledgers } from '../support/money-audit.js';
import { RunningSystem } from '../support/system.js';

const RICH = '996555100001';
const POOR = '996555100002';
const BIG = '996555100003';
const RACE = '996555100004';
const INN = '01234567890123';

/** The whole system as four processes, driven only through the HTTP API, as the MegaPay backend would. */
describe('MegaPay payments end to end', () => {
  let system: RunningSystem;
  let api: MegaPayClient;
  let tap: BrokerTap;
  const ledgers: Ledgers = { wallets: [RICH, POOR, BIG, RACE], organizations: [INN], invoices: [], toppedUp: 0n };
  const topUp = async (phone: string, amount: string) => {
    await api.topUp(phone, amount);
    ledgers.toppedUp += somToTyiyn(amount);
  };

  beforeAll(async () => {
    tap = await BrokerTap.open(); // empties every queue of the test vhost
    system = await RunningSystem.start({ dbPrefix: 'dostek_e2e_', basePort: 4100 });
    api = new MegaPayClient(system);
    for (const phone of ledgers.wallets) await api.createWallet(phone);
    await topUp(RICH, '5000.00');
    await topUp(POOR, '67.38');
    await topUp(BIG, '70000.00');
    await topUp(RACE, '100.00');
    await api.registerOrganization(INN, 'ОсОО «Ала-Тоо Консалт»');
  });

  afterAll(async () => {
    await system?.stop();
    await tap?.close();
  });

  it('checks a СОЧИ payment without changing anything: holder name and wallet cover', async () => {
    const res = await api.check({ phone: RICH, service: 'SOCHI', account: INN, amount: '150.00' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      payable: true,
      problems: [],
      holderName: 'ОсОО «Ала-Тоо Консалт»',
      wallet: { balance: '5000.00' },
    });
    const bad = await api.check({ phone: POOR, service: 'SOCHI', account: '99999999999999', amount: '100.00' });
    expect(bad.body.payable).toBe(false);
    expect(bad.body.problems.map((p: { code: string }) => p.code)).toEqual(['INSUFFICIENT_FUNDS', 'UNKNOWN_INN']);
    expect((await api.wallet(POOR)).balance).toBe('67.38');
  });

  it('pays СОЧИ: the wallet is debited and the organization credited at once', async () => {
    const started = Date.now();
    const payment = await api.payAndSettle({ phone: RICH, service: 'SOCHI', account: INN, amount: '150.00' });
    const latencyMs = Date.now() - started;
    expect(payment).toMatchObject({ status: 'COMPLETED', reason: null });
    expect((await api.organization(INN)).balance).toBe('150.00');
    expect(await api.wallet(RICH)).toMatchObject({
      balance: '4850.00',
      monthTurnover: '150.00',
      monthLimit: '60000.00',
      availableThisMonth: '59850.00',
    });
    process.stdout.write(`one СОЧИ payment, request to COMPLETED (polled every 25 ms): ${latencyMs} ms\n`);
  });

  it('pays ЭЦП: the wallet asks for the invoice payment itself, the invoice is paid, and the signature produced', async () => {
    const invoice = await api.registerClient('DIRECTOR_CLOUD');
    expect(invoice.amount).toBe('1510.00');
    ledgers.invoices.push(invoice.number);
    const check = await api.check({ phone: RICH, service: 'ECP', account: invoice.number, amount: '1510.00' });
    expect(check.body).toMatchObject({ payable: true, amountDue: '1510.00', holderName: 'ИП Асанов Бакыт' });
    const payment = await api.payAndSettle({ phone: RICH, service: 'ECP', account: invoice.number, amount: '1510.00' });
    expect(payment.status).toBe('COMPLETED');
    expect(payment.steps.map((s: { stage: string }) => s.stage)).toEqual([
      'AWAITING_DEBIT',
      'AWAITING_PAYEE',
      'COMPLETED',
    ]);
    // A routing slip: the wallet sends the debited payment to ecp-invoicing in the debit's transaction, the router never.
    const requested = tap.eventsOf('payment.requested').find((e) => e.payload.paymentId === payment.id)!;
    const asked = await eventually(() => {
      const found = tap.eventsOf('ecp.invoice-payment-requested').filter((e) => e.payload.paymentId === payment.id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(asked[0]).toMatchObject({ producer: 'wallet', correlationId: payment.id, causationId: requested.messageId });
    expect(asked[0]!.payload).toMatchObject({ invoiceNumber: invoice.number, amount: '151000', payerPhone: RICH });
    const router = await system.db('payment-router');
    const { rows } = await router.query(`SELECT count(*)::int AS n FROM outbox WHERE routing_key = $1`, [
      'ecp.invoice-payment-requested.v1',
    ]);
    expect(rows[0].n).toBe(0);
    const produced = await eventually(async () => {
      const inv = await api.invoice(invoice.number);
      expect(inv.status).toBe('SIGNATURE_PRODUCED');
      return inv;
    });
    expect(produced.paidAt).toBeTruthy();
    expect(produced.signatureProducedAt).toBeTruthy();
    await eventually(async () => expect((await api.payment(payment.id)).signatureProducedAt).toBeTruthy());
  });

  describe('refunds when the payment cannot be delivered', () => {
    it.each([
      [
        'an unknown INN',
        () => ({ service: 'SOCHI' as const, account: '99999999999999', amount: '10.00' }),
        'UNKNOWN_INN',
      ],
      [
        'an unknown invoice',
        () => ({ service: 'ECP' as const, account: '9000000000000001', amount: '10.00' }),
        'UNKNOWN_INVOICE',
      ],
    ])('refunds a payment to %s', async (_, body, reason) => {
      const before = await api.wallet(RICH);
      const payment = await api.payAndSettle({ phone: RICH, ...body() });
      expect(payment).toMatchObject({ status: 'REFUNDED', reason });
      expect(payment.reasonMessage).toBeTruthy();
      // The payee's refusal brings the debit the router had not heard of yet.
      expect(payment.steps.map((s: { stage: string }) => s.stage)).toEqual([
        'AWAITING_DEBIT',
        'AWAITING_PAYEE',
        'AWAITING_REFUND',
        'REFUNDED',
      ]);
      await eventually(async () =>
        expect(await api.wallet(RICH)).toMatchObject({ balance: before.balance, monthTurnover: before.monthTurnover }),
      );
    });

    it('refunds an amount that is not the invoice amount, and a second payment of a paid invoice', async () => {
      const invoice = await api.registerClient('ACCOUNTANT_CLOUD', 'ONLINE');
      expect(invoice.amount).toBe('1420.00');
      ledgers.invoices.push(invoice.number);
      const wrong = await api.payAndSettle({ phone: RICH, service: 'ECP', account: invoice.number, amount: '1400.00' });
      expect(wrong).toMatchObject({ status: 'REFUNDED', reason: 'AMOUNT_MISMATCH' });
      expect((await api.invoice(invoice.number)).status).toBe('ISSUED');
      const right = await api.payAndSettle({ phone: RICH, service: 'ECP', account: invoice.number, amount: '1420.00' });
      expect(right.status).toBe('COMPLETED');
      const again = await api.payAndSettle({ phone: RICH, service: 'ECP', account: invoice.number, amount: '1420.00' });
      expect(again).toMatchObject({ status: 'REFUNDED', reason: 'INVOICE_ALREADY_PAID' });
    });
  });

  describe('rejections: nothing is debited', () => {
    it('rejects a payment the balance cannot cover', async () => {
      const payment = await api.payAndSettle({ phone: POOR, service: 'SOCHI', account: INN, amount: '67.39' });
      expect(payment).toMatchObject({ status: 'REJECTED', reason: 'INSUFFICIENT_FUNDS' });
      expect(await api.wallet(POOR)).toMatchObject({ balance: '67.38', monthTurnover: '0.00' });
    });

    it('rejects a payment from a phone without a wallet', async () => {
      const payment = await api.payAndSettle({ phone: '996555199999', service: 'SOCHI', account: INN, amount: '1.00' });
      expect(payment).toMatchObject({ status: 'REJECTED', reason: 'WALLET_NOT_FOUND' });
    });

    it('rejects a payment over the monthly limit of 60 000.00 som, and takes one that fits exactly', async () => {
      expect((await api.payAndSettle({ phone: BIG, service: 'SOCHI', account: INN, amount: '59000.00' })).status).toBe(
        'COMPLETED',
      );
      const over = await api.payAndSettle({ phone: BIG, service: 'SOCHI', account: INN, amount: '1000.01' });
      expect(over).toMatchObject({ status: 'REJECTED', reason: 'MONTHLY_LIMIT_EXCEEDED' });
      expect(await api.wallet(BIG)).toMatchObject({
        balance: '11000.00',
        monthTurnover: '59000.00',
        availableThisMonth: '1000.00',
      });
      expect((await api.payAndSettle({ phone: BIG, service: 'SOCHI', account: INN, amount: '1000.00' })).status).toBe(
        'COMPLETED',
      );
      expect(await api.wallet(BIG)).toMatchObject({ monthTurnover: '60000.00', availableThisMonth: '0.00' });
    });
  });

  it('returns the same payment for a retried request and debits it once', async () => {
    const key = randomUUID();
    const body = { phone: RICH, service: 'SOCHI' as const, account: INN, amount: '7.00' };
    const first = await api.pay(body, key);
    const second = await api.pay(body, key);
    expect(second.body.id).toBe(first.body.id);
    await api.settled(first.body.id);
    const third = await api.pay(body, key);
    expect(third.body).toMatchObject({ id: first.body.id, status: 'COMPLETED' });
    expect((await api.pay({ ...body, amount: '8.00' }, key)).status).toBe(422);
    const debits = (await api.operations(RICH)).filter((o) => o.paymentId === first.body.id && o.kind === 'DEBIT');
    expect(debits).toHaveLength(1);
  });

  it('never overdraws a wallet under concurrent payments; what was debited equals the balance change', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => api.pay({ phone: RACE, service: 'SOCHI', account: INN, amount: '15.00' })),
    );
    const settled = await Promise.all(results.map((r) => api.settled(r.body.id)));
    const completed = settled.filter((p) => p.status === 'COMPLETED').length;
    expect(completed).toBe(6);
    expect(settled.filter((p) => p.status === 'REJECTED').every((p) => p.reason === 'INSUFFICIENT_FUNDS')).toBe(true);
    expect((await api.wallet(RACE)).balance).toBe('10.00');
  });

  it('conserves money: top-ups = wallet balances + СОЧИ balances + paid invoices', async () => {
    const report = await auditMoney(api, ledgers);
    expect(report.walletBalances + report.sochiBalances + report.paidInvoices).toBe(report.toppedUp);
    expect(report).toMatchObject({ debitedTwice: [], refundedTwice: [], refundWithoutDebit: [] });
    await expectMessagingSettled(system, tap);
  });
});
