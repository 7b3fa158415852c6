import { Inject, Injectable } from '@nestjs/common';
import { applyBatch, CONSUMER_DATA_SOURCE, CLOCK, sql, type Clock, type Row, type Transaction } from '#platform';
import { DataSource } from 'typeorm';
import {
  EcpInvoicePaymentRequestedV1,
  SochiTopUpRequestedV1,
  WalletPaymentRejectedV1,
  type Envelope,
  type PaymentRequestedV1,
  type PayloadOf,
} from '#contracts';
import { Outbox, PermanentMessageError } from '#messaging';
import { tyiynFromWire, tyiynToWire } from '#money';
import { decideDebits, type DebitDecision, type WalletState } from '../domain/debit-decision.js';
import { turnoverMonth } from '../domain/month-turnover.js';
import { monthTurnoversStatements } from '../persistence/month-turnover.sql.js';
import { WALLET_CONFIG, type WalletConfig } from '../wallet.config.js';

const CONSUMER = 'wallet.debit-payment';

type PaymentRequested = Envelope<PayloadOf<typeof PaymentRequestedV1>>;

/**
 * Debits requested payments from the subscribers' wallets or rejects them, exactly once per message and per payment:
 * a payment already debited or rejected under another message id changes nothing and publishes nothing. A debited
 * payment is sent on to its payee (sochi-balance, ecp-invoicing) in the same transaction. A batch of
 * requests is one transaction: wallets locked in phone order, decided in delivery order, written set-based.
 */
@Injectable()
export class DebitPaymentHandler {
  constructor(
    @Inject(CONSUMER_DATA_SOURCE) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(WALLET_CONFIG) private readonly config: WalletConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  handle(event: PaymentRequested): Promise<void> {
    return this.handleBatch([event]);
  }

  async handleBatch(events: readonly PaymentRequested[]): Promise<void> {
    // The debit's instant decides its month, whenever the payment was requested (docs/calendar.md).
    const now = this.clock.now();
    const month = turnoverMonth(now);
    await applyBatch(this.db, CONSUMER, events, {
      // With BEGIN and the inbox claim: the wallets' locks in phone order (so two batches never deadlock; the lock
      // serializes every balance and turnover change of a wallet), then, each statement with its own snapshot after
      // the locks, the payments already decided and the month's turnovers.
      reads: (all) => {
        const phones = sql.list([...new Set(all.map((e) => e.payload.phone))].sort());
        const payments = sql.list(all.map((e) => e.payload.paymentId));
        return {
          wallets: sql`SELECT phone, balance FROM wallets WHERE phone IN (${phones}) ORDER BY phone FOR UPDATE`,
          decided: sql`SELECT payment_id FROM payment_decisions WHERE payment_id IN (${payments})`,
          turnovers: sql`SELECT phone, amount FROM wallet_month_turnover
                         WHERE phone IN (${phones}) AND month = ${month}`,
        };
      },
      apply: async (tx, fresh, { wallets, decided, turnovers }) => {
        const before = walletStates(wallets, turnovers);
        const requests = fresh.map((e) => ({ ...e.payload, amount: tyiynFromWire(e.payload.amount) }));
        const { decisions, after } = decideDebits(
          requests,
          before,
          new Set(decided.map((d) => String(d.payment_id))),
          this.config.WALLET_MONTHLY_LIMIT,
          now,
        );
        const invalid = decisions.findIndex((d) => d.kind === 'invalid-amount');
        if (invalid >= 0) {
          const { message } = decisions[invalid] as Extract<DebitDecision, { kind: 'invalid-amount' }>;
          throw new PermanentMessageError('INVALID_AMOUNT', message);
        }
        await this.write(tx, fresh, decisions, before, after, month, now);
        for (const [i, event] of fresh.entries()) {
          const decision = decisions[i];
          const { paymentId, phone } = event.payload;
          if (decision.kind === 'reject')
            await this.outbox.append(
              tx.manager,
              WalletPaymentRejectedV1,
              { paymentId, phone, reason: decision.reason, rejectedAt: now.toISOString() },
              event,
            );
          if (decision.kind !== 'debit') continue;
          // The debited payment goes straight to its payee (a routing slip, docs/payment-flow.md): the router hears
          // of the debit with the payee's answer.
          const request = {
            paymentId,
            amount: tyiynToWire(decision.amount),
            payerPhone: phone,
            requestedAt: now.toISOString(),
          };
          const { service, account } = event.payload;
          if (service === 'SOCHI')
            await this.outbox.append(tx.manager, SochiTopUpRequestedV1, { ...request, inn: account }, event);
          else
            await this.outbox.append(
              tx.manager,
              EcpInvoicePaymentRequestedV1,
              { ...request, invoiceNumber: account },
              event,
            );
        }
      },
    });
  }

  /**
   * The batch's writes in one round trip, each set-based; every guard is checked before anything is published. Under
   * the wallets' locks none can fail; if one does, everything rolls back and the messages are retried one by one.
   */
  private async write(
    tx: Transaction,
    fresh: readonly PaymentRequested[],
    decisions: readonly DebitDecision[],
    before: ReadonlyMap<string, WalletState>,
    after: ReadonlyMap<string, WalletState>,
    month: string,
    now: Date,
  ): Promise<void> {
    const outcomes = fresh.flatMap((e, i) => {
      const d = decisions[i];
      const { paymentId, phone, amount } = e.payload;
      if (d.kind === 'debit') return [[paymentId, phone, d.amount, 'DEBITED', null, now]];
      if (d.kind === 'reject') return [[paymentId, phone, tyiynFromWire(amount), 'REJECTED', d.reason, now]];
      return [];
    });
    if (outcomes.length === 0) return;
    const debits = fresh.flatMap((e, i) => {
      const d = decisions[i];
      if (d.kind !== 'debit') return [];
      const { phone, paymentId, service, account } = e.payload;
      return [[phone, 'DEBIT', d.amount, d.balanceAfter, paymentId, service, account, d.month, now]];
    });
    const changed = [...after].map(([phone, state]) => ({ phone, before: before.get(phone)!, after: state }));
    const turnovers = monthTurnoversStatements(
      month,
      changed.map((c) => ({ phone: c.phone, before: c.before.turnover, after: c.after.turnover! })),
    );
    // The balance guard is a second line under the lock: a balance only moves from the value decided on, and the
    // table's CHECK keeps it from going below zero, whatever the decision said.
    const written = await tx.write({
      recorded: sql`INSERT INTO payment_decisions (payment_id, phone, amount, outcome, reason, decided_at)
                    VALUES ${sql.values(outcomes)} ON CONFLICT (payment_id) DO NOTHING RETURNING 1`,
      debited:
        changed.length === 0
          ? null
          : sql`UPDATE wallets w SET balance = v.after
                FROM (VALUES ${sql.values(changed.map((c) => [c.phone, c.before.balance, c.after.balance]))})
                  AS v (phone, before, after)
                WHERE w.phone = v.phone AND w.balance = v.before RETURNING w.phone`,
      ledger:
        debits.length === 0
          ? null
          : sql`INSERT INTO wallet_ledger (phone, kind, amount, balance_after, payment_id, service, account,
                  turnover_month, created_at) VALUES ${sql.values(debits)}`,
      turnoverInserted: turnovers.inserted,
      turnoverUpdated: turnovers.updated,
    });
    if (written.recorded.length !== outcomes.length) throw new Error('a payment of the batch was decided concurrently');
    if (written.debited.length !== changed.length) throw new Error('a wallet changed under its lock while debiting');
    if (written.turnoverInserted.length + written.turnoverUpdated.length !== changed.length)
      throw new Error(`a ${month} turnover changed under its wallet's lock`);
  }
}

/** The locked wallets with this month's turnover (null: no row yet). */
function walletStates(wallets: Row[], turnovers: Row[]): Map<string, WalletState> {
  const turnoverOf = new Map(turnovers.map((t) => [String(t.phone), BigInt(t.amount)]));
  return new Map(
    wallets.map((w) => [String(w.phone), { balance: BigInt(w.balance), turnover: turnoverOf.get(w.phone) ?? null }]),
  );
}
