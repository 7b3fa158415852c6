import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Access, ANY_STAFF, ApiError, ApiResult, ZodPipe } from '#platform';
import { operationPageSchema, type OperationPage } from './operation-page.schema.js';
import { bishkekDayStart, DAY_MS, formatSom } from '#money';
import { signedAmount, type LedgerKind } from '../domain/ledger.js';
import { phoneParams, type PhoneParams } from '../get-wallet/phone.params.js';
import { listOperationsQuery, type ListOperationsQuery } from './list-operations.query.js';

@ApiTags('wallets')
@Controller('v1/wallets')
export class ListOperationsController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @Access({ partners: ['payments'], staff: ANY_STAFF })
  @Get(':phone/operations')
  @ApiOperation({
    operationId: 'listOperations',
    description:
      "The wallet's history (top-ups, debits, refunds), newest first, each with the balance after it (the running balance); filtered by Bishkek days, service, kind and payment; pass nextBefore as `before` for the next page.",
    summary: 'Wallet history, newest first, paged by operation id',
  })
  @ApiParam({ name: 'phone', example: '996555000001' })
  @ApiQuery({ name: 'limit', required: false, example: 50 })
  @ApiQuery({ name: 'before', required: false, description: 'nextBefore of the previous page' })
  @ApiQuery({ name: 'from', required: false, description: 'first Bishkek day, YYYY-MM-DD', example: '2026-11-01' })
  @ApiQuery({
    name: 'to',
    required: false,
    description: 'last Bishkek day, YYYY-MM-DD (inclusive)',
    example: '2026-11-30',
  })
  @ApiQuery({ name: 'service', required: false, enum: ['SOCHI', 'ECP'] })
  @ApiQuery({
    name: 'kind',
    required: false,
    description: 'TOP_UP, DEBIT, REFUND; several separated by commas',
    example: 'DEBIT,REFUND',
  })
  @ApiQuery({
    name: 'paymentId',
    required: false,
    schema: { type: 'string', format: 'uuid' },
    description: "only that payment's lines: its debit and any refund",
  })
  @ApiResult(200, 'OperationPage', operationPageSchema, 'A page of the history, newest first')
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (INVALID_DATE, INVALID_PERIOD, …)' })
  @ApiResponse({ status: 404, description: 'WALLET_NOT_FOUND' })
  async list(
    @Param(new ZodPipe(phoneParams)) { phone }: PhoneParams,
    @Query(new ZodPipe(listOperationsQuery)) page: ListOperationsQuery,
  ): Promise<OperationPage> {
    const [wallet] = await this.db.query(`SELECT 1 FROM wallets WHERE phone = $1`, [phone]);
    if (!wallet) throw new ApiError(404, 'WALLET_NOT_FOUND', `no wallet for phone ${phone}`);
    // One row more than asked tells whether an older page exists.
    const rows: Record<string, any>[] = await this.db.query(
      `SELECT id, kind, amount, balance_after, payment_id, service, account, created_at FROM wallet_ledger
        WHERE phone = $1 AND ($2::bigint IS NULL OR id < $2::bigint)
          AND ($4::timestamptz IS NULL OR created_at >= $4) AND ($5::timestamptz IS NULL OR created_at < $5)
          AND ($6::text IS NULL OR service = $6) AND ($7::text[] IS NULL OR kind = ANY($7::text[]))
          AND ($8::uuid IS NULL OR payment_id = $8::uuid)
        ORDER BY id DESC LIMIT $3`,
      [
        phone,
        page.before ?? null,
        page.limit + 1,
        page.from ? bishkekDayStart(page.from) : null,
        page.to ? new Date(bishkekDayStart(page.to).getTime() + DAY_MS) : null,
        page.service ?? null,
        page.kind ?? null,
        page.paymentId ?? null,
      ],
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
