import { Inject, Injectable } from '@nestjs/common';
import { applyOnce } from '#platform';
import { DataSource, type EntityManager } from 'typeorm';
import { WalletPaymentDebitedV1, WalletPaymentRejectedV1, type Envelope, type PaymentRequestedV1, type PayloadOf } from '#contracts';
import { Outbox, PermanentMessageError } from '#messaging';
import { tyiynFromWire, tyiynToWire, type Tyiyn } from '#money';
import { decideDebit } from '../domain/debit-decision.js';
import { turnoverMonth } from '../domain/month-turnover.js';
import { setMonthTurnover } from '../persistence/month-turnover.sql.js';
import { updateReturning } from '../persistence/sql.js';
import { WALLET_CONFIG, type WalletConfig } from '../wallet.config.js';

const CONSUMER = 'wallet.debit-payment';

/**
 * Debits a requested payment from the subscriber's wallet or rejects it, exactly once per message and per payment:
 * a payment already debited or rejected under another message id changes nothing and publishes nothing.
 */
@Injectable()
export class DebitPaymentHandler {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(WALLET_CONFIG) private readonly config: WalletConfig,
  ) {}

  async handle(event: Envelope<PayloadOf<typeof PaymentRequestedV1>>): Promise<void> {
    const { paymentId, phone, service, account } = event.payload;
    const amount = tyiynFromWire(event.payload.amount);
    await applyOnce(this.db, CONSUMER, event, async (tx) => {
      const now = new Date();
      const month = turnoverMonth(now);
      // The wallet row lock serializes every balance and turnover change of this wallet.
      const [wallet] = await tx.query(`SELECT balance FROM wallets WHERE phone = $1 FOR UPDATE`, [phone]);
      const [decided] = await tx.query(`SELECT 1 FROM payment_decisions WHERE payment_id = $1`, [paymentId]);
      const [turnover] = wallet ? await tx.query(`SELECT amount FROM wallet_month_turnover WHERE phone = $1 AND month = $2`, [phone, month]) : [];
      const decision = decideDebit({
        alreadyDecided: Boolean(decided),
        wallet: wallet ? { balance: BigInt(wallet.balance), turnover: turnover ? { month, amount: BigInt(turnover.amount) } : null } : null,
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
          await this.outbox.append(tx, WalletPaymentRejectedV1, { paymentId, phone, reason: decision.reason, rejectedAt: now.toISOString() }, event);
          return;
        case 'debit': {
          if (!(await recordDecision(tx, paymentId, phone, amount, null, now))) return;
          // A second guard under the lock: the balance can never go below zero, whatever the decision said.
          const [debited] = await updateReturning(
            tx,
            `UPDATE wallets SET balance = balance - $2 WHERE phone = $1 AND balance >= $2 RETURNING balance`,
            [phone, decision.amount.toString()],
          );
          if (!debited || BigInt(debited.balance) !== decision.balanceAfter) {
            throw new Error(`wallet ${phone} changed under its lock while debiting payment ${paymentId}`);
          }
          await tx.query(
            `INSERT INTO wallet_ledger (phone, kind, amount, balance_after, payment_id, service, account, turnover_month, created_at)
             VALUES ($1, 'DEBIT', $2, $3, $4, $5, $6, $7, $8)`,
            [phone, decision.amount.toString(), decision.balanceAfter.toString(), paymentId, service, account, decision.month, now],
          );
          await setMonthTurnover(tx, phone, decision.month, turnover ? BigInt(turnover.amount) : null, decision.turnoverAfter);
          await this.outbox.append(
            tx,
            WalletPaymentDebitedV1,
            { paymentId, phone, amount: tyiynToWire(decision.amount), debitedAt: now.toISOString() },
            event,
          );
        }
      }
    });
  }
}

/** Remembers the payment's outcome; false when a concurrent delivery of the same payment decided it first. */
async function recordDecision(tx: EntityManager, paymentId: string, phone: string, amount: Tyiyn, rejection: string | null, at: Date) {
  const rows: unknown[] = await tx.query(
    `INSERT INTO payment_decisions (payment_id, phone, amount, outcome, reason, decided_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (payment_id) DO NOTHING RETURNING 1`,
    [paymentId, phone, amount.toString(), rejection ? 'REJECTED' : 'DEBITED', rejection, at],
  );
  return rows.length === 1;
}
