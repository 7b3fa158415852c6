import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { queryRows, sql } from '#platform';
import type { Tyiyn } from '#money';
import { walletNotFound, type WalletFailure } from '../domain/failures.js';
import { walletExists } from '../persistence/wallet-rows.js';
import { FAVORITE_COLUMNS } from './favorite.view.js';
import type { SaveFavoriteRequest, UpdateFavoriteRequest } from './favorite.request.js';

/** Saves, reads, renames and deletes a wallet's favorites (payment templates). */
@Injectable()
export class FavoritesHandler {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async save(phone: string, request: SaveFavoriteRequest): Promise<Record<string, any> | WalletFailure> {
    return this.db.transaction(async (tx): Promise<Record<string, any> | WalletFailure> => {
      if (!(await walletExists(tx, phone))) return walletNotFound(phone);
      let template: { service: string; account: string; amount: Tyiyn | null };
      if (request.kind === 'from-payment') {
        // The wallet knows what each of its debits paid: the ledger keeps service, account and amount.
        const [debit] = await tx.query(
          `SELECT service, account, amount FROM wallet_ledger WHERE phone = $1 AND payment_id = $2 AND kind = 'DEBIT'`,
          [phone, request.paymentId],
        );
        if (!debit) return { failure: 'debit-not-found', phone, paymentId: request.paymentId };
        template = { service: debit.service, account: debit.account, amount: BigInt(debit.amount) };
      } else {
        template = request;
      }
      const [row] = await tx.query(
        `INSERT INTO favorites (id, phone, name, service, account, amount) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${FAVORITE_COLUMNS}`,
        [randomUUID(), phone, request.name, template.service, template.account, template.amount?.toString() ?? null],
      );
      return row;
    });
  }

  async list(phone: string): Promise<Record<string, any>[] | WalletFailure> {
    if (!(await walletExists(this.db.manager, phone))) return walletNotFound(phone);
    return this.db.query(`SELECT ${FAVORITE_COLUMNS} FROM favorites WHERE phone = $1 ORDER BY created_at, id`, [phone]);
  }

  async get(phone: string, id: string): Promise<Record<string, any> | WalletFailure> {
    const [row] = await this.db.query(`SELECT ${FAVORITE_COLUMNS} FROM favorites WHERE phone = $1 AND id = $2`, [
      phone,
      id,
    ]);
    if (!row) return favoriteNotFound(phone, id);
    return row;
  }

  async update(phone: string, id: string, change: UpdateFavoriteRequest): Promise<Record<string, any> | WalletFailure> {
    return this.db.transaction(async (tx): Promise<Record<string, any> | WalletFailure> => {
      const [row] = await queryRows(
        tx,
        sql`UPDATE favorites SET name = COALESCE(${change.name ?? null}, name),
              amount = CASE WHEN ${change.amount !== undefined}::boolean THEN ${change.amount ?? null}::bigint
                            ELSE amount END,
              updated_at = now()
            WHERE phone = ${phone} AND id = ${id} RETURNING ${sql.constant(FAVORITE_COLUMNS)}`,
      );
      if (!row) return favoriteNotFound(phone, id);
      return row;
    });
  }

  /** Deletes a favorite no live autopayment pays; a cancelled autopayment keeps its own copy of what it paid. */
  async delete(phone: string, id: string): Promise<void | WalletFailure> {
    return this.db.transaction(async (tx): Promise<void | WalletFailure> => {
      const [row] = await tx.query(`SELECT id FROM favorites WHERE phone = $1 AND id = $2 FOR UPDATE`, [phone, id]);
      if (!row) return favoriteNotFound(phone, id);
      const live = await tx.query(
        `SELECT id FROM autopayments WHERE favorite_id = $1 AND status <> 'CANCELLED' ORDER BY created_at`,
        [id],
      );
      if (live.length > 0) return { failure: 'favorite-in-use', autopaymentIds: live.map((a: { id: string }) => a.id) };
      await tx.query(`DELETE FROM favorites WHERE id = $1`, [id]);
    });
  }
}

const favoriteNotFound = (phone: string, id: string): WalletFailure => ({ failure: 'favorite-not-found', phone, id });
