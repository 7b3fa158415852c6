import type pg from 'pg';

/** The four databases, read directly (test and benchmark code may; the services never read each other's). */
export type ServiceDb = (
  service: 'payment-router' | 'wallet' | 'sochi-balance' | 'ecp-invoicing',
) => Promise<Pick<pg.Client, 'query'>>;

export interface InvariantReport {
  payments: number;
  byStatus: Record<string, number>;
  /** Effects that should exist and do not: payments not final, a completed payment never credited, unpublished outbox rows… */
  lost: string[];
  /** Effects that exist more than once: a payment debited, refunded or credited twice. */
  duplicated: string[];
  /** Effects that should not exist at all: a rejected payment debited, a payment both completed and refunded, an orphan entry… */
  unexpected: string[];
  money: {
    /** Every top-up in the wallet ledger, in tyiyn. */
    toppedUp: bigint;
    walletBalances: bigint;
    sochiBalances: bigint;
    /** СОЧИ charges (report fees, kind CHARGE) taken from balances, when that feature exists. */
    sochiCharges: bigint;
    paidInvoices: bigint;
    /** toppedUp − (wallets + СОЧИ balances + СОЧИ charges + paid invoices): must be 0. */
    difference: bigint;
  };
}

const FINAL = new Set(['COMPLETED', 'REJECTED', 'REFUNDED']);

/**
 * Reads every service's database and checks the payment invariants across them: every payment final, each effect
 * exactly once and only where the payment's outcome calls for it, each ledger adding up to its balance, money conserved
 * (top-ups = wallet balances + СОЧИ balances + СОЧИ charges + paid invoices), and every outbox row published.
 * Only the tables and ledger kinds that exist are counted, so features added later (charges, autopayments) fit.
 */
export async function checkInvariants(db: ServiceDb, expected: { toppedUp?: bigint } = {}): Promise<InvariantReport> {
  const lost: string[] = [];
  const duplicated: string[] = [];
  const unexpected: string[] = [];
  const [router, wallet, sochi, ecp] = await Promise.all([
    db('payment-router'),
    db('wallet'),
    db('sochi-balance'),
    db('ecp-invoicing'),
  ]);

  const payments = (await router.query(`SELECT id, service, account, amount::text AS amount, stage FROM payments`))
    .rows as Array<{
    id: string;
    service: 'SOCHI' | 'ECP';
    account: string;
    amount: string;
    stage: string;
  }>;
  const byId = new Map(payments.map((p) => [p.id, p]));
  const byStatus: Record<string, number> = {};
  for (const p of payments) byStatus[p.stage] = (byStatus[p.stage] ?? 0) + 1;

  // Wallet: debits and refunds per payment, and each wallet's ledger against its balance.
  const entries = (
    await wallet.query(
      `SELECT payment_id, kind, count(*)::int AS n, sum(amount)::text AS amount FROM wallet_ledger WHERE payment_id IS NOT NULL GROUP BY 1, 2`,
    )
  ).rows as Array<{ payment_id: string; kind: string; n: number; amount: string }>;
  const debits = new Map<string, { n: number; amount: bigint }>();
  const refunds = new Map<string, { n: number; amount: bigint }>();
  for (const e of entries) {
    const target = e.kind === 'DEBIT' ? debits : e.kind === 'REFUND' ? refunds : undefined;
    target?.set(e.payment_id, { n: e.n, amount: BigInt(e.amount) });
    if (!byId.has(e.payment_id))
      unexpected.push(`wallet ${e.kind} for payment ${e.payment_id} the router does not know`);
  }
  const walletSums = (
    await wallet.query(
      `SELECT w.phone, w.balance::text AS balance, coalesce(sum(CASE l.kind WHEN 'DEBIT' THEN -l.amount WHEN 'TOP_UP' THEN l.amount WHEN 'REFUND' THEN l.amount ELSE 0 END), 0)::text AS ledger,
              coalesce(sum(l.amount) FILTER (WHERE l.kind = 'TOP_UP'), 0)::text AS topped_up
         FROM wallets w LEFT JOIN wallet_ledger l ON l.phone = w.phone GROUP BY w.phone, w.balance`,
    )
  ).rows as Array<{ phone: string; balance: string; ledger: string; topped_up: string }>;
  let toppedUp = 0n;
  let walletBalances = 0n;
  for (const w of walletSums) {
    toppedUp += BigInt(w.topped_up);
    walletBalances += BigInt(w.balance);
    if (w.balance !== w.ledger)
      unexpected.push(`wallet ${w.phone}: balance ${w.balance} but its ledger adds up to ${w.ledger}`);
  }
  const otherWalletKinds = (
    await wallet.query(`SELECT DISTINCT kind FROM wallet_ledger WHERE kind NOT IN ('TOP_UP', 'DEBIT', 'REFUND')`)
  ).rows;
  for (const k of otherWalletKinds) unexpected.push(`wallet ledger kind ${k.kind} is not counted by the checker`);

  // СОЧИ: credits per payment, charges (where they exist), each organization's ledger against its balance.
  const credits = new Map<string, { n: number; amount: bigint }>();
  for (const c of (
    await sochi.query(
      `SELECT payment_id, count(*)::int AS n, sum(amount)::text AS amount FROM sochi_ledger WHERE kind = 'TOP_UP' AND payment_id IS NOT NULL GROUP BY 1`,
    )
  ).rows) {
    credits.set(c.payment_id, { n: c.n, amount: BigInt(c.amount) });
    if (!byId.has(c.payment_id)) unexpected.push(`СОЧИ credit for payment ${c.payment_id} the router does not know`);
  }
  const orgSums = (
    await sochi.query(
      `SELECT o.inn, o.balance::text AS balance,
              coalesce(sum(CASE l.kind WHEN 'TOP_UP' THEN l.amount WHEN 'CHARGE' THEN -l.amount ELSE 0 END), 0)::text AS ledger,
              coalesce(sum(l.amount) FILTER (WHERE l.kind = 'CHARGE'), 0)::text AS charged
         FROM organizations o LEFT JOIN sochi_ledger l ON l.inn = o.inn GROUP BY o.inn, o.balance`,
    )
  ).rows as Array<{ inn: string; balance: string; ledger: string; charged: string }>;
  let sochiBalances = 0n;
  let sochiCharges = 0n;
  for (const o of orgSums) {
    sochiBalances += BigInt(o.balance);
    sochiCharges += BigInt(o.charged);
    if (o.balance !== o.ledger)
      unexpected.push(`organization ${o.inn}: balance ${o.balance} but its ledger adds up to ${o.ledger}`);
  }
  for (const k of (await sochi.query(`SELECT DISTINCT kind FROM sochi_ledger WHERE kind NOT IN ('TOP_UP', 'CHARGE')`))
    .rows) {
    unexpected.push(`СОЧИ ledger kind ${k.kind} is not counted by the checker`);
  }

  // ЭЦП: the invoices paid, by which payment.
  const paid = new Map<string, { number: string; amount: bigint }[]>();
  let paidInvoices = 0n;
  for (const i of (
    await ecp.query(`SELECT number, amount::text AS amount, payment_id FROM invoices WHERE status <> 'ISSUED'`)
  ).rows) {
    paidInvoices += BigInt(i.amount);
    paid.set(i.payment_id, [...(paid.get(i.payment_id) ?? []), { number: i.number, amount: BigInt(i.amount) }]);
    if (!byId.has(i.payment_id))
      unexpected.push(`invoice ${i.number} paid by payment ${i.payment_id} the router does not know`);
  }

  for (const p of payments) {
    const amount = BigInt(p.amount);
    const debit = debits.get(p.id);
    const refund = refunds.get(p.id);
    const delivered = p.service === 'SOCHI' ? (credits.get(p.id)?.n ?? 0) : (paid.get(p.id)?.length ?? 0);
    const deliveredAmount = p.service === 'SOCHI' ? credits.get(p.id)?.amount : paid.get(p.id)?.[0]?.amount;
    if (!FINAL.has(p.stage)) lost.push(`payment ${p.id} still ${p.stage}`);
    if ((debit?.n ?? 0) > 1) duplicated.push(`payment ${p.id} debited ${debit!.n} times`);
    if ((refund?.n ?? 0) > 1) duplicated.push(`payment ${p.id} refunded ${refund!.n} times`);
    if (delivered > 1) duplicated.push(`payment ${p.id} delivered ${delivered} times`);
    if (debit && debit.n === 1 && debit.amount !== amount)
      unexpected.push(`payment ${p.id} of ${amount} debited ${debit.amount}`);
    if (refund && !debit) unexpected.push(`payment ${p.id} refunded but never debited`);
    switch (p.stage) {
      case 'REJECTED':
        if (debit) unexpected.push(`payment ${p.id} rejected but debited`);
        if (delivered) unexpected.push(`payment ${p.id} rejected but delivered`);
        break;
      case 'COMPLETED':
        if (!debit) lost.push(`payment ${p.id} completed without a debit`);
        if (!delivered) lost.push(`payment ${p.id} completed but never delivered to ${p.service}`);
        if (refund) unexpected.push(`payment ${p.id} both completed and refunded`);
        if (delivered === 1 && deliveredAmount !== amount)
          unexpected.push(`payment ${p.id} of ${amount} delivered as ${deliveredAmount}`);
        break;
      case 'REFUNDED':
        if (!debit) unexpected.push(`payment ${p.id} refunded without a debit`);
        if (!refund) lost.push(`payment ${p.id} REFUNDED but the wallet has no refund`);
        if (delivered) unexpected.push(`payment ${p.id} both refunded and delivered`);
        break;
      default:
        // Still in flight: counted as lost above; its partial effects are not judged.
        break;
    }
  }

  for (const [service, client] of [
    ['payment-router', router],
    ['wallet', wallet],
    ['sochi-balance', sochi],
    ['ecp-invoicing', ecp],
  ] as const) {
    // A row published a moment ago may still be waiting for its mark: it rides with the service's next commit, or is
    // written alone within 100 ms (CommitRiders). Only a row still unmarked after a few seconds counts as lost.
    let unpublished = 0;
    for (const deadline = Date.now() + 3000; ; await new Promise((r) => setTimeout(r, 100))) {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
      unpublished = rows[0].n;
      if (unpublished === 0 || Date.now() > deadline) break;
    }
    if (unpublished > 0) lost.push(`${service}: ${unpublished} outbox row(s) not published`);
  }

  const difference = toppedUp - (walletBalances + sochiBalances + sochiCharges + paidInvoices);
  if (difference !== 0n)
    unexpected.push(`money not conserved: top-ups − (wallets + СОЧИ + charges + invoices) = ${difference} tyiyn`);
  if (expected.toppedUp !== undefined && expected.toppedUp !== toppedUp) {
    unexpected.push(`the wallet ledger holds ${toppedUp} tyiyn of top-ups, the test made ${expected.toppedUp}`);
  }
  return {
    payments: payments.length,
    byStatus,
    lost,
    duplicated,
    unexpected,
    money: { toppedUp, walletBalances, sochiBalances, sochiCharges, paidInvoices, difference },
  };
}

/** The counts a test asserts to be zero, with a few examples of each for the failure message. */
export function summarize(report: InvariantReport): {
  lost: number;
  duplicated: number;
  unexpected: number;
  examples: string[];
} {
  return {
    lost: report.lost.length,
    duplicated: report.duplicated.length,
    unexpected: report.unexpected.length,
    examples: [...report.lost, ...report.duplicated, ...report.unexpected].slice(0, 10),
  };
}
