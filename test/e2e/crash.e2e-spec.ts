import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { somToTyiyn } from '#money';
import { BrokerTap } from '../support/broker-tap.js';
import { eventually } from '../support/eventually.js';
import { MegaPayClient, type PaymentBody } from '../support/megapay-client.js';
import { auditMoney, expectMessagingSettled, type Ledgers } from '../support/money-audit.js';
import { RunningSystem, type ServiceName } from '../support/system.js';

const PAYMENTS = 80;
const KILLS: Array<[number, ServiceName]> = [
  [10, 'wallet'],
  [25, 'sochi-balance'],
  [40, 'ecp-invoicing'],
  [55, 'payment-router'],
];

/**
 * kill -9 each service in turn in the middle of a stream of payments, then start it again: every payment must
 * reach a final state, and money must be conserved with nothing debited or refunded twice.
 */
describe('a crash at any point loses no money and duplicates none', () => {
  let system: RunningSystem;
  let api: MegaPayClient;
  let tap: BrokerTap;
  const ledgers: Ledgers = {
    wallets: [],
    organizations: ['01234567890123', '01234567890124'],
    invoices: [],
    toppedUp: 0n,
  };

  beforeAll(async () => {
    tap = await BrokerTap.open();
    system = await RunningSystem.start({ dbPrefix: 'dostek_crash_', basePort: 4200 });
    api = new MegaPayClient(system);
    for (let i = 0; i < 8; i++) {
      const phone = `99655520000${i}`;
      await api.createWallet(phone, '3000.00');
      ledgers.wallets.push(phone);
      ledgers.toppedUp += somToTyiyn('3000.00');
    }
    for (const inn of ledgers.organizations) await api.registerOrganization(inn, `Организация ${inn}`);
    await api.setPrice('ACCOUNTANT_CLOUD', '100.00');
    for (let i = 0; i < 6; i++) ledgers.invoices.push((await api.registerClient('ACCOUNTANT_CLOUD')).number);
  });

  afterAll(async () => {
    await system?.stop();
    await tap?.close();
  });

  /** A MegaPay backend retries with the same Idempotency-Key until the router answers. */
  async function payWithRetries(body: PaymentBody): Promise<string> {
    const key = randomUUID();
    return eventually(
      async () => {
        const res = await api.pay(body, key);
        expect(res.status).toBe(202);
        return res.body.id as string;
      },
      60_000,
      100,
    );
  }

  function paymentNumber(i: number): PaymentBody {
    const phone = ledgers.wallets[i % ledgers.wallets.length];
    switch (i % 4) {
      case 0:
        return { phone, service: 'SOCHI', account: ledgers.organizations[0], amount: '12.34' };
      case 1:
        return { phone, service: 'SOCHI', account: '99999999999999', amount: '5.00' }; // refunded: unknown INN
      case 2:
        return { phone, service: 'ECP', account: ledgers.invoices[i % ledgers.invoices.length], amount: '100.00' }; // first pays, others refunded
      default:
        return { phone, service: 'SOCHI', account: ledgers.organizations[1], amount: '1.01' };
    }
  }

  it('settles every payment and conserves money across kill -9 of each service', async () => {
    const ids: Promise<string>[] = [];
    const restarts: Promise<void>[] = [];
    for (let i = 0; i < PAYMENTS; i++) {
      const kill = KILLS.find(([at]) => at === i);
      if (kill) {
        await system.kill(kill[1]);
        restarts.push(new Promise((r) => setTimeout(r, 300)).then(() => system.startService(kill[1])));
      }
      ids.push(payWithRetries(paymentNumber(i)));
      await new Promise((r) => setTimeout(r, 15));
    }
    await Promise.all(restarts);
    const settled = await Promise.all((await Promise.all(ids)).map((id) => api.settled(id, 90_000)));

    const byStatus = settled.reduce<Record<string, number>>(
      (acc, p) => ({ ...acc, [p.status]: (acc[p.status] ?? 0) + 1 }),
      {},
    );
    process.stdout.write(`crash run: ${PAYMENTS} payments, final states ${JSON.stringify(byStatus)}\n`);
    expect(settled).toHaveLength(PAYMENTS);
    expect(byStatus.PENDING ?? 0).toBe(0);
    expect(byStatus.REJECTED ?? 0).toBe(0);
    expect(
      settled.filter((_, i) => i % 4 === 1).every((p) => p.status === 'REFUNDED' && p.reason === 'UNKNOWN_INN'),
    ).toBe(true);
    expect(settled.filter((_, i) => i % 4 === 0 || i % 4 === 3).every((p) => p.status === 'COMPLETED')).toBe(true);

    const report = await auditMoney(api, ledgers);
    expect(report.walletBalances + report.sochiBalances + report.paidInvoices).toBe(report.toppedUp);
    expect(report).toMatchObject({ debitedTwice: [], refundedTwice: [], refundWithoutDebit: [] });
    await expectMessagingSettled(system, tap);
  });
});
