import { Inject, Injectable } from '@nestjs/common';
import { applyOnce, CONSUMER_DATA_SOURCE, CLOCK, type Clock } from '#platform';
import { DataSource, type EntityManager } from 'typeorm';
import {
  WalletPaymentDebitedV1,
  WalletPaymentRejectedV1,
  type Envelope,
  type PaymentRequestedV1,
  type PayloadOf,
} from '#contracts';
import { Outbox, PermanentMessageError } from '#messaging';
import { tyiynFromWire, tyiynToWire, type Tyiyn } from '#money';
import { decideDebit } from '../domain/debit-decision.js';
import { turnoverMonth } from '../domain/month-turnover.js';
import { monthTurnoverStatement } from '../persistence/month-turnover.sql.js';
import { WALLET_CONFIG, type WalletConfig } from '../wallet.config.js';

const CONSUMER = 'wallet.debit-payment';

/**
 * Debits a requested payment from the subscriber's wallet or rejects it, exactly once per message and per payment:
 * a payment already debited or rejected under another message id changes nothing and publishes nothing.
 */
@Injectable()
export class DebitPaymentHandler {
  constructor(
    @Inject(CONSUMER_DATA_SOURCE) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(WALLET_CONFIG) private readonly config: WalletConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(event: Envelope<PayloadOf<typeof PaymentRequestedV1>>): Promise<void> {
    const { paymentId, phone, service, account } = event.payload;
    const amount = tyiynFromWire(event.payload.amount);
    // The debit's instant decides its month, whenever the payment was requested (docs/calendar.md).
    const now = this.clock.now();
    const month = turnoverMonth(now);
    await applyOnce(
      this.db,
      CONSUMER,
      event,
      async (tx, { opened: [[wallet], [decided], [turnover]], lit, batch }) => {
        const decision = decideDebit({
          alreadyDecided: Boolean(decided),
          wallet: wallet
            ? {
                balance: BigInt(wallet.balance),
                turnover: turnover ? { month, amount: BigInt(turnover.amount) } : null,
              }
            : null,
          amount,
          monthlyLimit: this.config.WALLET_MONTHLY_LIMIT,
          at: now,
        });
        switch (decision.kind) {
          case 'already-decided':
            return;
          case 'invalid-amount':
            throw new PermanentMessageError('INVALID_AMOUNT', decision.message);
          case 'reject':
            if (!(await recordDecision(tx, paymentId, phone, amount, decision.reason, now))) return;
            await this.outbox.append(
              tx,
              WalletPaymentRejectedV1,
              { paymentId, phone, reason: decision.reason, rejectedAt: now.toISOString() },
              event,
            );
            return;
          case 'debit': {
            // One round trip for the four writes; each result is checked before anything is published. The balance
            // guard is a second line under the lock: the balance can never go below zero, whatever the decision said.
            const [recorded, [debited], , turnoverSet] = await batch([
              `INSERT INTO payment_decisions (payment_id, phone, amount, outcome, reason, decided_at)
               VALUES (${lit(paymentId)}, ${lit(phone)}, ${lit(amount)}, 'DEBITED', NULL, ${lit(now)}) ON CONFLICT (payment_id) DO NOTHING RETURNING 1`,
              `UPDATE wallets SET balance = balance - ${lit(decision.amount)} WHERE phone = ${lit(phone)} AND balance >= ${lit(decision.amount)} RETURNING balance`,
              `INSERT INTO wallet_ledger (phone, kind, amount, balance_after, payment_id, service, account, turnover_month, created_at)
               VALUES (${lit(phone)}, 'DEBIT', ${lit(decision.amount)}, ${lit(decision.balanceAfter)}, ${lit(paymentId)}, ${lit(service)}, ${lit(account)},
                       ${lit(decision.month)}, ${lit(now)})`,
              monthTurnoverStatement(
                lit,
                phone,
                decision.month,
                turnover ? BigInt(turnover.amount) : null,
                decision.turnoverAfter,
              ),
            ]);
            // Under the wallet's lock none of these can fail; if one does, everything rolls back and the message is retried.
            if (recorded.length !== 1) throw new Error(`payment ${paymentId} was decided concurrently`);
            if (!debited || BigInt(debited.balance) !== decision.balanceAfter) {
              throw new Error(`wallet ${phone} changed under its lock while debiting payment ${paymentId}`);
            }
            if (turnoverSet.length !== 1)
              throw new Error(`the ${decision.month} turnover of wallet ${phone} changed under its lock`);
            await this.outbox.append(
              tx,
              WalletPaymentDebitedV1,
              { paymentId, phone, amount: tyiynToWire(decision.amount), debitedAt: now.toISOString() },
              event,
            );
          }
        }
      },
      {
        // With BEGIN and the inbox claim: the wallet's lock (it serializes every balance and turnover change of this
        // wallet), then — each statement with its own snapshot, so after the lock — the decision and the turnover.
        reads: (lit) => [
          `SELECT balance FROM wallets WHERE phone = ${lit(phone)} FOR UPDATE`,
          `SELECT 1 FROM payment_decisions WHERE payment_id = ${lit(paymentId)}`,
          `SELECT amount FROM wallet_month_turnover WHERE phone = ${lit(phone)} AND month = ${lit(month)}`,
        ],
      },
    );
  }
}

/** Remembers the payment's outcome; false when a concurrent delivery of the same payment decided it first. */
async function recordDecision(
  tx: EntityManager,
  paymentId: string,
  phone: string,
  amount: Tyiyn,
  rejection: string | null,
  at: Date,
) {
  const rows: unknown[] = await tx.query(
    `INSERT INTO payment_decisions (payment_id, phone, amount, outcome, reason, decided_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (payment_id) DO NOTHING RETURNING 1`,
    [paymentId, phone, amount.toString(), rejection ? 'REJECTED' : 'DEBITED', rejection, at],
  );
  return rows.length === 1;
}
