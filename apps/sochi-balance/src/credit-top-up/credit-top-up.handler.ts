import { Inject, Injectable } from '@nestjs/common';
import { applyBatch, CONSUMER_DATA_SOURCE, CLOCK, sql, type Clock, type Row, type SqlValue } from '#platform';
import { DataSource } from 'typeorm';
import {
  SochiReportsReleasedV1,
  SochiTopUpCreditedV1,
  SochiTopUpRefusedV1,
  type Envelope,
  type PayloadOf,
  type SochiTopUpRequestedV1,
} from '#contracts';
import { Outbox } from '#messaging';
import { tyiynFromWire } from '#money';
import {
  decideTopUps,
  type OrganizationBalance,
  type RefusalReason,
  type TopUpOutcome,
} from '../domain/top-up-decision.js';
import { ledgerEntryAtSql } from '../persistence/ledger-rows.js';

const CONSUMER = 'sochi-balance.credit-top-up';

type TopUpRequested = Envelope<PayloadOf<typeof SochiTopUpRequestedV1>>;

/**
 * Credits routed СОЧИ payments to the organizations' balances, or refuses them; exactly once per message and per
 * payment. In the same transaction a credit pays the reports awaiting payment that the balance now covers, oldest
 * first. A batch is one transaction: organizations locked in INN order, decided in delivery order, written set-based.
 */
@Injectable()
export class CreditTopUpHandler {
  constructor(
    @Inject(CONSUMER_DATA_SOURCE) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  handle(event: TopUpRequested): Promise<void> {
    return this.handleBatch([event]);
  }

  async handleBatch(events: readonly TopUpRequested[]): Promise<void> {
    await applyBatch(this.db, CONSUMER, events, {
      // With BEGIN and the inbox claim: the organizations' locks in INN order (credits and charges of one balance are
      // serialized, so balance_after is exact; two batches never deadlock), then, each with its own snapshot after
      // the locks, the earlier credits and refusals of these payments and the reports waiting to be paid.
      reads: (all) => {
        const inns = sql.list([...new Set(all.map((e) => e.payload.inn))].sort());
        const payments = sql.list(all.map((e) => e.payload.paymentId));
        return {
          organizations: sql`SELECT inn, balance FROM organizations WHERE inn IN (${inns}) ORDER BY inn FOR UPDATE`,
          credited: sql`SELECT payment_id FROM sochi_ledger WHERE payment_id IN (${payments})`,
          refusedEarlier: sql`SELECT payment_id, reason FROM top_up_refusals WHERE payment_id IN (${payments})`,
          waiting: sql`SELECT inn, report_id, price FROM report_charges
                       WHERE inn IN (${inns}) AND status = 'AWAITING_PAYMENT' ORDER BY id`,
        };
      },
      apply: async (tx, fresh, { organizations, credited, refusedEarlier, waiting }) => {
        const at = this.clock.now();
        const before = balances(organizations, waiting);
        const requests = fresh.map((e) => ({ ...e.payload, amount: tyiynFromWire(e.payload.amount) }));
        const { outcomes, after } = decideTopUps(
          requests,
          before,
          new Set(credited.map((c) => String(c.payment_id))),
          new Map(refusedEarlier.map((r) => [String(r.payment_id), r.reason as RefusalReason])),
        );

        // A refusal is kept per payment, so that a redelivery under a new message id is refused again, never credited
        // after the router has refunded the payer; the first refusal is the one kept.
        const refusals = fresh.flatMap(({ payload: { inn, paymentId } }, i) => {
          const outcome = outcomes[i];
          return outcome.kind === 'refuse' ? [[paymentId, inn, outcome.reason, at]] : [];
        });
        if (refusals.length > 0)
          await tx.write({
            refusals: sql`INSERT INTO top_up_refusals (payment_id, inn, reason, refused_at) VALUES ${sql.values(refusals)}
                          ON CONFLICT (payment_id) DO NOTHING`,
          });

        const ledger: SqlValue[][] = [];
        fresh.forEach(({ payload: { inn, paymentId, payerPhone } }, i) => {
          const outcome = outcomes[i];
          if (outcome.kind !== 'credit') return;
          const entryAt = ledgerEntryAtSql(inn, at);
          // The credit's entry first, then the charges it pays, in the order they were paid.
          ledger.push([
            inn,
            'TOP_UP',
            paymentId,
            null,
            outcome.amount,
            outcome.balanceAfterCredit,
            payerPhone,
            entryAt,
          ]);
          for (const c of outcome.settlement.settled)
            ledger.push([inn, 'CHARGE', null, c.reportId, c.price, c.balanceAfter, null, entryAt]);
        });
        if (ledger.length > 0) {
          const paid = outcomes.flatMap((o) =>
            o.kind === 'credit' ? o.settlement.settled.map((c) => c.reportId) : [],
          );
          const changed = [...after].map(([inn, org]) => [inn, before.get(inn)!.balance, org.balance]);
          // Under the organizations' locks none of these can fail; if one does, everything rolls back.
          const written = await tx.write({
            ledger: sql`INSERT INTO sochi_ledger (inn, kind, payment_id, report_id, amount, balance_after, payer_phone,
                          created_at) VALUES ${sql.values(ledger)}`,
            charges:
              paid.length === 0
                ? null
                : sql`UPDATE report_charges SET status = 'PAID', paid_at = ${at}
                      WHERE report_id IN (${sql.list(paid)}) AND status = 'AWAITING_PAYMENT' RETURNING 1`,
            balances: sql`UPDATE organizations o SET balance = v.after
                          FROM (VALUES ${sql.values(changed)}) AS v (inn, before, after)
                          WHERE o.inn = v.inn AND o.balance = v.before RETURNING 1`,
          });
          if (written.charges.length !== paid.length) throw new Error("a report changed under its organization's lock");
          if (written.balances.length !== changed.length) throw new Error('an organization changed under its lock');
        }
        for (const [i, event] of fresh.entries()) await this.announce(tx.manager, event, outcomes[i], at);
      },
    });
  }

  private async announce(
    tx: Parameters<Outbox['append']>[0],
    event: TopUpRequested,
    outcome: TopUpOutcome,
    at: Date,
  ): Promise<void> {
    const { paymentId, inn } = event.payload;
    if (outcome.kind === 'refuse')
      await this.outbox.append(
        tx,
        SochiTopUpRefusedV1,
        { paymentId, inn, reason: outcome.reason, refusedAt: at.toISOString() },
        event,
      );
    if (outcome.kind !== 'credit') return;
    if (outcome.settlement.settled.length > 0)
      await this.outbox.append(
        tx,
        SochiReportsReleasedV1,
        { inn, reportIds: outcome.settlement.settled.map((c) => c.reportId), releasedAt: at.toISOString() },
        event,
      );
    await this.outbox.append(
      tx,
      SochiTopUpCreditedV1,
      { paymentId, inn, amount: event.payload.amount, creditedAt: at.toISOString() },
      event,
    );
  }
}

/** The locked organizations with their waiting charges, oldest first. */
function balances(organizations: Row[], waiting: Row[]): Map<string, OrganizationBalance> {
  return new Map(
    organizations.map((o) => [
      String(o.inn),
      {
        balance: BigInt(o.balance),
        waiting: waiting
          .filter((w) => w.inn === o.inn)
          .map((w) => ({ reportId: String(w.report_id), price: BigInt(w.price) })),
      },
    ]),
  );
}
