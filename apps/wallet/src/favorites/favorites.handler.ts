import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApiError } from '#platform';
import type { Tyiyn } from '#money';
import { updateReturning } from '../persistence/sql.js';
import { requireWallet } from '../persistence/wallet-rows.js';
import { FAVORITE_COLUMNS } from './favorite.view.js';
import type { SaveFavoriteRequest, UpdateFavoriteRequest } from './favorite.request.js';

/** Saves, reads, renames and deletes a wallet's favorites (payment templates). */
@Injectable()
export class FavoritesHandler {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async save(phone: string, request: SaveFavoriteRequest): Promise<Record<string, any>> {
    return this.db.transaction(async (tx) => {
      await requireWallet(tx, phone);
      let template: { service: string; account: string; amount: Tyiyn | null };
      if (request.kind === 'from-payment') {
        // The wallet knows what each of its debits paid: the ledger keeps service, account and amount.
        const [debit] = await tx.query(
          `SELECT service, account, amount FROM wallet_ledger WHERE phone = $1 AND payment_id = $2 AND kind = 'DEBIT'`,
          [phone, request.paymentId],
        );
        if (!debit)
          throw new ApiError(404, 'PAYMENT_NOT_FOUND', `wallet ${phone} has no debited payment ${request.paymentId}`);
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

  async list(phone: string): Promise<Record<string, any>[]> {
    await requireWallet(this.db.manager, phone);
    return this.db.query(`SELECT ${FAVORITE_COLUMNS} FROM favorites WHERE phone = $1 ORDER BY created_at, id`, [phone]);
  }

  async get(phone: string, id: string): Promise<Record<string, any>> {
    const [row] = await this.db.query(`SELECT ${FAVORITE_COLUMNS} FROM favorites WHERE phone = $1 AND id = $2`, [
      phone,
      id,
    ]);
    if (!row) throw favoriteNotFound(phone, id);
    return row;
  }

  async update(phone: string, id: string, change: UpdateFavoriteRequest): Promise<Record<string, any>> {
    return this.db.transaction(async (tx) => {
      const [row] = await updateReturning(
        tx,
        `UPDATE favorites SET name = COALESCE($3, name), amount = CASE WHEN $4::boolean THEN $5::bigint ELSE amount END, updated_at = now()
          WHERE phone = $1 AND id = $2 RETURNING ${FAVORITE_COLUMNS}`,
        [phone, id, change.name ?? null, change.amount !== undefined, change.amount?.toString() ?? null],
      );
      if (!row) throw favoriteNotFound(phone, id);
      return row;
    });
  }

  /** Deletes a favorite no live autopayment pays; a cancelled autopayment keeps its own copy of what it paid. */
  async delete(phone: string, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [row] = await tx.query(`SELECT id FROM favorites WHERE phone = $1 AND id = $2 FOR UPDATE`, [phone, id]);
      if (!row) throw favoriteNotFound(phone, id);
      const live = await tx.query(
        `SELECT id FROM autopayments WHERE favorite_id = $1 AND status <> 'CANCELLED' ORDER BY created_at`,
        [id],
      );
      if (live.length > 0) {
        throw new ApiError(409, 'FAVORITE_IN_USE', 'an autopayment pays this favorite; cancel the autopayment first', {
          autopaymentIds: live.map((a: { id: string }) => a.id),
        });
      }
      await tx.query(`DELETE FROM favorites WHERE id = $1`, [id]);
    });
  }
}

export function favoriteNotFound(phone: string, id: string): ApiError {
  return new ApiError(404, 'FAVORITE_NOT_FOUND', `wallet ${phone} has no favorite ${id}`);
}
