import { expect } from '@jest/globals';
import { somToTyiyn } from '#money';
import type { BrokerTap } from './broker-tap.js';
import { eventually } from './eventually.js';
import { takeParked } from './parked-store.js';
import { SERVICE_NAMES, type RunningSystem } from './system.js';
import type { MegaPayClient } from './megapay-client.js';

export interface Ledgers {
  wallets: string[];
  organizations: string[];
  invoices: string[];
  /** Sum of every top-up made in the test, in tyiyn. */
  toppedUp: bigint;
}

export interface AuditReport {
  toppedUp: bigint;
  walletBalances: bigint;
  sochiBalances: bigint;
  paidInvoices: bigint;
  debitedTwice: string[];
  refundedTwice: string[];
  refundWithoutDebit: string[];
}

/**
 * Money conservation through the public APIs only: every som topped up is in a wallet, on a СОЧИ balance or in a
 * paid invoice; and no payment was debited or refunded twice.
 */
export async function auditMoney(client: MegaPayClient, ledgers: Ledgers): Promise<AuditReport> {
  let walletBalances = 0n;
  const debits = new Map<string, number>();
  const refunds = new Map<string, number>();
  for (const phone of ledgers.wallets) {
    walletBalances += somToTyiyn((await client.wallet(phone)).balance);
    for (const op of await client.operations(phone)) {
      if (!op.paymentId) continue;
      const counter = op.kind === 'DEBIT' ? debits : op.kind === 'REFUND' ? refunds : undefined;
      counter?.set(op.paymentId, (counter.get(op.paymentId) ?? 0) + 1);
    }
  }
  let sochiBalances = 0n;
  for (const inn of ledgers.organizations) sochiBalances += somToTyiyn((await client.organization(inn)).balance);
  let paidInvoices = 0n;
  for (const number of ledgers.invoices) {
    const invoice = await client.invoice(number);
    // Money reached Dos Tek for these; EXPIRED and CANCELLED invoices were never paid.
    if (['PAID', 'SIGNATURE_PRODUCED', 'PRODUCTION_FAILED'].includes(invoice.status))
      paidInvoices += somToTyiyn(invoice.amount);
  }
  return {
    toppedUp: ledgers.toppedUp,
    walletBalances,
    sochiBalances,
    paidInvoices,
    debitedTwice: [...debits].filter(([, n]) => n > 1).map(([id]) => id),
    refundedTwice: [...refunds].filter(([, n]) => n > 1).map(([id]) => id),
    refundWithoutDebit: [...refunds.keys()].filter((id) => !debits.has(id)),
  };
}

/** Every service's outbox is fully published and no message was parked anywhere. */
export async function expectMessagingSettled(system: RunningSystem, tap: BrokerTap): Promise<void> {
  for (const service of SERVICE_NAMES) {
    await eventually(async () => {
      const { rows } = await (
        await system.db(service)
      ).query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
      expect({ service, unpublished: rows[0].n }).toEqual({ service, unpublished: 0 });
    });
    expect({ service, parked: await takeParked(await system.db(service)) }).toEqual({ service, parked: [] });
  }
}
