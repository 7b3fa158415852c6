import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Access, ANY_STAFF, ApiError, ApiResult, coded, ZodPipe } from '#platform';
import { bishkekDayStart, DAY_MS, formatSom, isCalendarDate } from '#money';
import { signedAmount, statement, type LedgerKind } from '../domain/statement.js';
import { innParams, type InnParams } from '../charge-report/charge-report.request.js';
import { statementSchema, type Statement } from './statement.schema.js';

/** The longest statement asked for at once. */
const MAX_DAYS = 366;

const day = z.string().refine(...coded<string>('INVALID_DATE', 'a Bishkek calendar day, YYYY-MM-DD', isCalendarDate));
const statementQuery = z
  .object({ from: day, to: day })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to is before from', params: { code: 'INVALID_PERIOD' } })
  .refine(
    (q) =>
      !isCalendarDate(q.from) ||
      !isCalendarDate(q.to) ||
      bishkekDayStart(q.to).getTime() - bishkekDayStart(q.from).getTime() < MAX_DAYS * DAY_MS,
    {
      path: ['to'],
      message: `at most ${MAX_DAYS} days`,
      params: { code: 'INVALID_PERIOD' },
    },
  );
type StatementQuery = z.infer<typeof statementQuery>;

@ApiTags('СОЧИ organizations')
@Controller('v1/sochi/organizations')
export class GetStatementController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @Access({ partners: ['sochi-reports'], staff: ANY_STAFF })
  @Get(':inn/statement')
  @ApiOperation({
    operationId: 'getStatement',
    description:
      "The statement of Bishkek days from..to (inclusive): the balance when `from` began, each credit and charge, and the closing balance — opening + credits − charges, which is the ledger's balance when `to` ended.",
    summary: 'Statement of a period: opening balance, credits, charges, closing balance',
  })
  @ApiParam({ name: 'inn', example: '01234567890123' })
  @ApiQuery({ name: 'from', example: '2026-11-01' })
  @ApiQuery({ name: 'to', example: '2026-11-30' })
  @ApiResult(200, 'Statement', statementSchema, 'The statement of the period')
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (INVALID_DATE, INVALID_PERIOD)' })
  @ApiResponse({ status: 404, description: 'ORGANIZATION_NOT_FOUND' })
  async get(
    @Param(new ZodPipe(innParams)) { inn }: InnParams,
    @Query(new ZodPipe(statementQuery)) q: StatementQuery,
  ): Promise<Statement> {
    const start = bishkekDayStart(q.from);
    const end = new Date(bishkekDayStart(q.to).getTime() + DAY_MS);
    // One snapshot for the opening balance and the entries, so a concurrent credit cannot fall between the two reads.
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const [org] = await tx.query(`SELECT name FROM organizations WHERE inn = $1`, [inn]);
      if (!org) throw new ApiError(404, 'ORGANIZATION_NOT_FOUND', `no organization with INN ${inn}`);
      const [before] = await tx.query(
        `SELECT balance_after FROM sochi_ledger WHERE inn = $1 AND created_at < $2 ORDER BY id DESC LIMIT 1`,
        [inn, start],
      );
      const rows: Record<string, any>[] = await tx.query(
        `SELECT id, kind, amount, balance_after, payment_id, report_id, created_at FROM sochi_ledger
          WHERE inn = $1 AND created_at >= $2 AND created_at < $3 ORDER BY id`,
        [inn, start, end],
      );
      const entries = rows.map((r) => ({
        kind: r.kind as LedgerKind,
        amount: BigInt(r.amount),
        balanceAfter: BigInt(r.balance_after),
      }));
      const s = statement(before ? BigInt(before.balance_after) : 0n, entries);
      return {
        inn,
        name: org.name,
        from: q.from,
        to: q.to,
        timeZone: 'Asia/Bishkek',
        openingBalance: formatSom(s.openingBalance),
        credits: formatSom(s.credits),
        charges: formatSom(s.charges),
        closingBalance: formatSom(s.closingBalance),
        entries: rows.map((r) => ({
          id: String(r.id),
          kind: r.kind,
          amount: formatSom(signedAmount(r.kind, BigInt(r.amount))),
          balanceAfter: formatSom(BigInt(r.balance_after)),
          paymentId: r.payment_id ?? null,
          reportId: r.report_id ?? null,
          at: new Date(r.created_at).toISOString(),
        })),
      };
    });
  }
}
