import { Inject, Injectable } from '@nestjs/common';
import { applyOnce, CONSUMER_DATA_SOURCE, CLOCK, type Clock } from '#platform';
import { DataSource } from 'typeorm';
import { WalletPaymentRefundedV1, type Envelope, type PaymentRefundRequestedV1, type PayloadOf } from '#contracts';
import { Outbox, PermanentMessageError } from '#messaging';
import { tyiynFromWire, tyiynToWire } from '#money';
import { turnoverAfterRefund } from '../domain/month-turnover.js';
import { decideRefund } from '../domain/refund-decision.js';
import { monthTurnoverStatement } from '../persistence/month-turnover.sql.js';

const CONSUMER = 'wallet.refund-payment';

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

  async handle(event: Envelope<PayloadOf<typeof PaymentRefundRequestedV1>>): Promise<void> {
    const { paymentId } = event.payload;
    await applyOnce(this.db, CONSUMER, event, async (tx, { lit, batch }) => {
      const [debit] = await tx.query(
        `SELECT phone, amount, turnover_month, service, account FROM wallet_ledger WHERE payment_id = $1 AND kind = 'DEBIT'`,
        [paymentId],
      );
      // The wallet row lock serializes refunds of one payment with each other and with every other change of the wallet.
      const [wallet] = debit
        ? await tx.query(`SELECT balance FROM wallets WHERE phone = $1 FOR UPDATE`, [debit.phone])
        : [];
      const [refunded] = debit
        ? await tx.query(`SELECT 1 FROM wallet_ledger WHERE payment_id = $1 AND kind = 'REFUND'`, [paymentId])
        : [];
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
          const [turnover] = await tx.query(
            `SELECT amount FROM wallet_month_turnover WHERE phone = $1 AND month = $2`,
            [phone, month],
          );
          const turnoverBefore = turnover ? BigInt(turnover.amount) : 0n;
          const [turnoverSet] = await batch([
            monthTurnoverStatement(
              lit,
              phone,
              month,
              turnover ? turnoverBefore : null,
              turnoverAfterRefund(turnoverBefore, amount),
            ),
          ]);
          if (turnoverSet.length !== 1)
            throw new Error(`the ${month} turnover of wallet ${phone} changed under its lock`);
          const balanceAfter = BigInt(wallet.balance) + amount;
          await tx.query(`UPDATE wallets SET balance = $2 WHERE phone = $1`, [phone, balanceAfter.toString()]);
          await tx.query(
            `INSERT INTO wallet_ledger (phone, kind, amount, balance_after, payment_id, service, account, turnover_month, created_at)
             VALUES ($1, 'REFUND', $2, $3, $4, $5, $6, $7, $8)`,
            [phone, amount.toString(), balanceAfter.toString(), paymentId, debit.service, debit.account, month, now],
          );
          await this.outbox.append(
            tx,
            WalletPaymentRefundedV1,
            { paymentId, phone, amount: tyiynToWire(amount), refundedAt: now.toISOString() },
            event,
          );
        }
      }
    });
  }
}
