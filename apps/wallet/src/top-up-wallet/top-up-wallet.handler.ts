import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, recordAudit, type Actor, type Clock } from '#platform';
import type { Tyiyn } from '#money';
import { decideTopUp } from '../domain/top-up-decision.js';

export interface TopUp {
  id: string;
  phone: string;
  amount: Tyiyn;
  balanceAfter: Tyiyn;
  createdAt: Date;
}

export type TopUpResult =
  | { kind: 'applied'; topUp: TopUp }
  | { kind: 'replayed'; topUp: TopUp }
  | { kind: 'key-reused' }
  | { kind: 'wallet-not-found' };

/**
 * Credits money to a wallet once per idempotency key of a caller: keys are scoped to the wallet and to the caller
 * (`actor.id`, the partner key or staff subject), as payments are. A top-up made before keys had callers answers its
 * key to any caller.
 */
@Injectable()
export class TopUpWalletHandler {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(phone: string, idempotencyKey: string, amount: Tyiyn, actor: Actor): Promise<TopUpResult> {
    return this.db.transaction(async (tx): Promise<TopUpResult> => {
      // The wallet row lock serializes every balance change of this wallet, retries with the same key included.
      const [wallet] = await tx.query(`SELECT balance FROM wallets WHERE phone = $1 FOR UPDATE`, [phone]);
      if (!wallet) return { kind: 'wallet-not-found' };
      const [previous] = await tx.query(
        `SELECT id, amount, balance_after, created_at FROM wallet_ledger
          WHERE phone = $1 AND kind = 'TOP_UP' AND idempotency_key = $2 AND (caller_id = $3 OR caller_id IS NULL)
          ORDER BY caller_id NULLS LAST LIMIT 1`,
        [phone, idempotencyKey, actor.id],
      );
      const decision = decideTopUp(previous ? { amount: BigInt(previous.amount) } : null, amount);
      switch (decision.kind) {
        case 'key-reused':
          return { kind: 'key-reused' };
        case 'replay':
          return { kind: 'replayed', topUp: toTopUp(phone, previous) };
        case 'apply': {
          const balanceAfter = BigInt(wallet.balance) + amount;
          const now = this.clock.now();
          await tx.query(`UPDATE wallets SET balance = $2 WHERE phone = $1`, [phone, balanceAfter.toString()]);
          const [entry] = await tx.query(
            `INSERT INTO wallet_ledger (phone, kind, amount, balance_after, idempotency_key, caller_id, created_at)
             VALUES ($1, 'TOP_UP', $2, $3, $4, $5, $6) RETURNING id, amount, balance_after, created_at`,
            [phone, amount.toString(), balanceAfter.toString(), idempotencyKey, actor.id, now],
          );
          await recordAudit(
            tx,
            actor,
            {
              action: 'wallet.topped-up',
              subject: `wallet:${phone}`,
              before: { balance: String(wallet.balance) },
              after: { balance: balanceAfter.toString(), amount: amount.toString(), idempotencyKey },
            },
            now,
          );
          return { kind: 'applied', topUp: toTopUp(phone, entry) };
        }
      }
    });
  }
}

function toTopUp(phone: string, row: Record<string, any>): TopUp {
  return {
    id: String(row.id),
    phone,
    amount: BigInt(row.amount),
    balanceAfter: BigInt(row.balance_after),
    createdAt: row.created_at,
  };
}
