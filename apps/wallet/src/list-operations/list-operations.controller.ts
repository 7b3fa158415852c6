import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ApiError, ZodPipe } from '#platform';
import { formatSom } from '#money';
import { signedAmount, type LedgerKind } from '../domain/ledger.js';
import { phoneParams, type PhoneParams } from '../get-wallet/phone.params.js';
import { listOperationsQuery, type ListOperationsQuery } from './list-operations.query.js';

@ApiTags('wallets')
@Controller('v1/wallets')
export class ListOperationsController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The wallet's history (top-ups, debits, refunds), newest first; pass nextBefore as `before` for the next page. */
  @Get(':phone/operations')
  @ApiOperation({ summary: 'Wallet history, newest first, paged by operation id' })
  @ApiParam({ name: 'phone', example: '996555000001' })
  @ApiQuery({ name: 'limit', required: false, example: 50 })
  @ApiQuery({ name: 'before', required: false, description: 'nextBefore of the previous page' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED' })
  @ApiResponse({ status: 404, description: 'WALLET_NOT_FOUND' })
  async list(@Param(new ZodPipe(phoneParams)) { phone }: PhoneParams, @Query(new ZodPipe(listOperationsQuery)) page: ListOperationsQuery) {
    const [wallet] = await this.db.query(`SELECT 1 FROM wallets WHERE phone = $1`, [phone]);
    if (!wallet) throw new ApiError(404, 'WALLET_NOT_FOUND', `no wallet for phone ${phone}`);
    // One row more than asked tells whether an older page exists.
    const rows: Record<string, any>[] = await this.db.query(
      `SELECT id, kind, amount, balance_after, payment_id, service, account, created_at FROM wallet_ledger
        WHERE phone = $1 AND ($2::bigint IS NULL OR id < $2::bigint)
        ORDER BY id DESC LIMIT $3`,
      [phone, page.before ?? null, page.limit + 1],
    );
    const items = rows.slice(0, page.limit).map((r) => ({
      id: String(r.id),
      kind: r.kind as LedgerKind,
      amount: formatSom(signedAmount(r.kind, BigInt(r.amount))),
      balanceAfter: formatSom(BigInt(r.balance_after)),
      paymentId: r.payment_id ?? null,
      service: r.service ?? null,
      account: r.account ?? null,
      createdAt: r.created_at,
    }));
    return { items, nextBefore: rows.length > page.limit ? items[items.length - 1].id : null };
  }
}
