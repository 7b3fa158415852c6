import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { somToTyiyn } from '#money';
import { BrokerTap } from '../support/broker-tap.js';
import { MegaPayClient } from '../support/megapay-client.js';
import { auditMoney, expectMessagingSettled, type Ledgers } from '../support/money-audit.js';
import { RunningSystem } from '../support/system.js';
import { http } from '../support/service-harness.js';

const INN = '01234567890123';

/** Two processes of every service on the same databases and queues: the same answers, no double effects. */
describe('two instances of every service', () => {
  let system: RunningSystem;
  let api: MegaPayClient;
  let tap: BrokerTap;
  const ledgers: Ledgers = { wallets: [], organizations: [INN], invoices: [], toppedUp: 0n };

  beforeAll(async () => {
    tap = await BrokerTap.open();
    system = await RunningSystem.start({ dbPrefix: 'dostek_twin_', basePort: 4300, instances: 2 });
    api = new MegaPayClient(system);
    for (let i = 0; i < 6; i++) {
      const phone = `99655530000${i}`;
      await api.createWallet(phone, '100.00');
      ledgers.wallets.push(phone);
      ledgers.toppedUp += somToTyiyn('100.00');
    }
    await api.registerOrganization(INN, 'ОсОО «Близнецы»');
    await api.setPrice('ACCOUNTANT_CLOUD', '10.00');
    for (let i = 0; i < 4; i++) ledgers.invoices.push((await api.registerClient('ACCOUNTANT_CLOUD')).number);
  });

  afterAll(async () => {
    await system?.stop();
    await tap?.close();
  });

  it('creates one payment for one Idempotency-Key sent to both routers at once', async () => {
    const key = randomUUID();
    const body = { phone: ledgers.wallets[0], service: 'SOCHI', account: INN, amount: '1.00' };
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        http(system.url('payment-router', i % 2), 'POST', '/v1/payments', body, { 'Idempotency-Key': key }),
      ),
    );
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect((await api.settled(answers[0].body.id)).status).toBe('COMPLETED');
  });

  it('settles a concurrent mix of payments exactly as one instance would, and conserves money', async () => {
    const [racers, payers] = [ledgers.wallets.slice(0, 4), ledgers.wallets.slice(4)];
    const requests = [
      // Racing wallets hold 100.00 (99.00 for the first): exactly 6 of 10 payments of 15.00 fit each.
      ...racers.flatMap((phone) =>
        Array.from({ length: 10 }, () => ({ phone, service: 'SOCHI' as const, account: INN, amount: '15.00' })),
      ),
      // Unknown INN: debited, refused, refunded.
      ...[0, 1, 2, 3].map((i) => ({
        phone: payers[i % 2],
        service: 'SOCHI' as const,
        account: '99999999999999',
        amount: '1.00',
      })),
      // Every invoice paid twice at once: one payment completes, the other is refunded.
      ...ledgers.invoices.flatMap((number) =>
        payers.map((phone) => ({ phone, service: 'ECP' as const, account: number, amount: '10.00' })),
      ),
    ];
    const accepted = await Promise.all(requests.map((r) => api.pay(r)));
    const settled = await Promise.all(accepted.map((a) => api.settled(a.body.id, 60_000)));

    const outcomes = settled.map((p) => `${p.service}:${p.status}:${p.reason ?? ''}`);
    const count = (prefix: string) => outcomes.filter((o) => o.startsWith(prefix)).length;
    expect(count('ECP:COMPLETED')).toBe(4);
    expect(count('ECP:REFUNDED:INVOICE_ALREADY_PAID')).toBe(4);
    expect(count('SOCHI:REFUNDED:UNKNOWN_INN')).toBe(4);
    expect(count('SOCHI:COMPLETED')).toBe(6 * 4);
    expect(count('SOCHI:REJECTED:INSUFFICIENT_FUNDS')).toBe(4 * 4);
    for (const phone of ledgers.wallets)
      expect(somToTyiyn((await api.wallet(phone)).balance)).toBeGreaterThanOrEqual(0n);

    const report = await auditMoney(api, ledgers);
    expect(report.walletBalances + report.sochiBalances + report.paidInvoices).toBe(report.toppedUp);
    expect(report).toMatchObject({ debitedTwice: [], refundedTwice: [], refundWithoutDebit: [] });
    await expectMessagingSettled(system, tap);
  });
});
