import { Inject, Injectable } from '@nestjs/common';
import { applyOnce, CONSUMER_DATA_SOURCE, CLOCK, type Clock } from '#platform';
import { DataSource, type EntityManager } from 'typeorm';
import {
  SochiReportsReleasedV1,
  SochiTopUpCreditedV1,
  SochiTopUpRefusedV1,
  type Envelope,
  type PayloadOf,
  type SochiTopUpRequestedV1,
} from '#contracts';
import { Outbox } from '#messaging';
import { tyiynFromWire, type Tyiyn } from '#money';
import { settleWaiting } from '../domain/report-charge.js';
import { decideTopUp } from '../domain/top-up-decision.js';
import { chargeLedger, ledgerEntryAt } from '../persistence/ledger-rows.js';
import { updateReturning } from '../persistence/sql.js';

const CONSUMER = 'sochi-balance.credit-top-up';

/**
 * Credits a routed СОЧИ payment to the organization's balance, or refuses it; exactly once per message and per payment.
 * In the same transaction the credit pays the reports awaiting payment that the balance now covers, oldest first.
 */
@Injectable()
export class CreditTopUpHandler {
  constructor(
    @Inject(CONSUMER_DATA_SOURCE) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(event: Envelope<PayloadOf<typeof SochiTopUpRequestedV1>>): Promise<void> {
    const { paymentId, inn, payerPhone } = event.payload;
    const amount = tyiynFromWire(event.payload.amount);
    await applyOnce(
      this.db,
      CONSUMER,
      event,
      async (tx, { opened: [[org], [credited], waiting], lit, batch, atCommit }) => {
        const decision = decideTopUp(Boolean(org), Boolean(credited), amount);
        const at = this.clock.now();
        const now = at.toISOString();
        switch (decision.kind) {
          case 'already-credited':
            return;
          case 'refuse':
            await this.outbox.append(
              tx,
              SochiTopUpRefusedV1,
              { paymentId, inn, reason: decision.reason, refusedAt: now },
              event,
            );
            return;
          case 'credit': {
            const balanceAfter = BigInt(org.balance) + decision.amount;
            const credit = `INSERT INTO sochi_ledger (inn, kind, payment_id, amount, balance_after, payer_phone, created_at)
               VALUES (${lit(inn)}, 'TOP_UP', ${lit(paymentId)}, ${lit(decision.amount)}, ${lit(balanceAfter)}, ${lit(payerPhone)}, ${ledgerEntryAt(lit(inn), lit(at))})`;
            // Writes go with the COMMIT, under the organization's lock, unless reports are waiting: then the credit's
            // ledger entry is written first, so the charges it pays come after it in the statement.
            if (waiting.length > 0) await batch([credit]);
            else atCommit(credit);
            const finalBalance = await this.releaseWaitingReports(tx, inn, balanceAfter, waiting, at, event);
            atCommit(`UPDATE organizations SET balance = ${lit(finalBalance)} WHERE inn = ${lit(inn)}`);
            await this.outbox.append(
              tx,
              SochiTopUpCreditedV1,
              { paymentId, inn, amount: event.payload.amount, creditedAt: now },
              event,
            );
          }
        }
      },
      {
        // With BEGIN and the inbox claim: the organization's lock (credits and charges of one balance are serialized,
        // so balance_after is exact), then, each with its own snapshot after the lock, the earlier credit of this
        // payment and the reports waiting to be paid.
        reads: (lit) => [
          `SELECT balance FROM organizations WHERE inn = ${lit(inn)} FOR UPDATE`,
          `SELECT 1 FROM sochi_ledger WHERE payment_id = ${lit(paymentId)}`,
          `SELECT report_id, price FROM report_charges WHERE inn = ${lit(inn)} AND status = 'AWAITING_PAYMENT' ORDER BY id`,
        ],
      },
    );
  }

  /** Pays the waiting reports the balance covers, oldest first, each once; returns the balance left. */
  private async releaseWaitingReports(
    tx: EntityManager,
    inn: string,
    balance: Tyiyn,
    waiting: Record<string, any>[],
    at: Date,
    cause: Envelope,
  ): Promise<Tyiyn> {
    const settlement = settleWaiting(
      balance,
      waiting.map((w) => ({ reportId: w.report_id, price: BigInt(w.price) })),
    );
    if (settlement.settled.length === 0) return balance;
    for (const charge of settlement.settled) {
      const paid = await updateReturning(
        tx,
        `UPDATE report_charges SET status = 'PAID', paid_at = $2 WHERE report_id = $1 AND status = 'AWAITING_PAYMENT' RETURNING 1`,
        [charge.reportId, at],
      );
      if (paid.length !== 1) throw new Error(`report ${charge.reportId} changed under the organization's lock`);
      await chargeLedger(tx, inn, charge.reportId, charge.price, charge.balanceAfter, at);
    }
    await this.outbox.append(
      tx,
      SochiReportsReleasedV1,
      { inn, reportIds: settlement.settled.map((c) => c.reportId), releasedAt: at.toISOString() },
      cause,
    );
    return settlement.balanceAfter;
  }
}
