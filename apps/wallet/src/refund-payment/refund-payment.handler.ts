import { Inject, Injectable } from '@nestjs/common';
import {
  applyEach,
  applyOnce,
  CONSUMER_DATA_SOURCE,
  CLOCK,
  sql,
  type Clock,
  type MessageEffect,
  type Sql,
} from '#platform';
import { DataSource } from 'typeorm';
import { WalletPaymentRefundedV1, type Envelope, type PaymentRefundRequestedV1, type PayloadOf } from '#contracts';
import { Outbox, PermanentMessageError } from '#messaging';
import { tyiynFromWire, tyiynToWire } from '#money';
import { turnoverAfterRefund } from '../domain/month-turnover.js';
import { decideRefund } from '../domain/refund-decision.js';
import { monthTurnoverStatement } from '../persistence/month-turnover.sql.js';

const CONSUMER = 'wallet.refund-payment';

type RefundRequested = Envelope<PayloadOf<typeof PaymentRefundRequestedV1>>;

/**
 * Gives a debited payment's money back at most once, and takes it out of the turnover of the month it was debited in.
 * A refund of a payment never debited (or of another amount or wallet) is parked for staff.
 */
@Injectable()
export class RefundPaymentHandler {
  constructor(
    @Inject(CONSUMER_DATA_SOURCE) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  handle(event: RefundRequested): Promise<void> {
    return applyOnce(this.db, CONSUMER, event, this.refund);
  }

  /** The refunds of a batch in one transaction, each in turn (the platform's adapter: not set-based). */
  handleBatch(events: readonly RefundRequested[]): Promise<void> {
    return applyEach(this.db, CONSUMER, events, this.refund);
  }

  /** Claim → the debit, its wallet locked, an earlier refund, the month's turnover → decide → writes → event. */
  private readonly refund: MessageEffect<RefundRequested, Record<'debit' | 'wallet' | 'refunded' | 'turnover', Sql>> = {
    // One round trip: the wallet row lock serializes refunds of one payment with each other and with every other
    // change of the wallet; the statements after it, each with its own snapshot, see what the lock's holder committed.
    reads: ({ payload: { paymentId } }) => {
      const debit = sql`SELECT phone, turnover_month FROM wallet_ledger
                        WHERE payment_id = ${paymentId} AND kind = 'DEBIT'`;
      return {
        debit: sql`SELECT phone, amount, turnover_month, service, account FROM wallet_ledger
                   WHERE payment_id = ${paymentId} AND kind = 'DEBIT'`,
        wallet: sql`SELECT balance FROM wallets WHERE phone = (SELECT phone FROM (${debit}) d) FOR UPDATE`,
        refunded: sql`SELECT 1 FROM wallet_ledger WHERE payment_id = ${paymentId} AND kind = 'REFUND'`,
        turnover: sql`SELECT t.amount FROM wallet_month_turnover t JOIN (${debit}) d
                      ON t.phone = d.phone AND t.month = d.turnover_month`,
      };
    },
    apply: async (tx, event, { debit: [debit], wallet: [wallet], refunded: [refunded], turnover: [turnover] }) => {
      const { paymentId } = event.payload;
      const decision = decideRefund(
        debit ? { phone: debit.phone, amount: BigInt(debit.amount), month: debit.turnover_month } : null,
        Boolean(refunded),
        { phone: event.payload.phone, amount: tyiynFromWire(event.payload.amount) },
      );
      switch (decision.kind) {
        case 'impossible':
          throw new PermanentMessageError(decision.code, `payment ${paymentId}: ${decision.message}`);
        case 'already-refunded':
          return;
        case 'refund': {
          const { phone, amount, month } = decision;
          const now = this.clock.now();
          const turnoverBefore = turnover ? BigInt(turnover.amount) : 0n;
          const balanceAfter = BigInt(wallet.balance) + amount;
          const written = await tx.write({
            turnoverSet: monthTurnoverStatement(
              phone,
              month,
              turnover ? turnoverBefore : null,
              turnoverAfterRefund(turnoverBefore, amount),
            ),
            credited: sql`UPDATE wallets SET balance = ${balanceAfter} WHERE phone = ${phone} RETURNING 1`,
            ledger: sql`INSERT INTO wallet_ledger (phone, kind, amount, balance_after, payment_id, service, account,
                          turnover_month, created_at)
                        VALUES (${phone}, 'REFUND', ${amount}, ${balanceAfter}, ${paymentId}, ${debit.service},
                          ${debit.account}, ${month}, ${now})`,
          });
          // Under the wallet's lock neither can fail; if one does, everything rolls back and the message is retried.
          if (written.turnoverSet.length !== 1)
            throw new Error(`the ${month} turnover of wallet ${phone} changed under its lock`);
          if (written.credited.length !== 1) throw new Error(`wallet ${phone} vanished under its lock`);
          await this.outbox.append(
            tx.manager,
            WalletPaymentRefundedV1,
            { paymentId, phone, amount: tyiynToWire(amount), refundedAt: now.toISOString() },
            event,
          );
        }
      }
    },
  };
}
