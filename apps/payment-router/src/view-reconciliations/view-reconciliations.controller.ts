import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { bishkekWallClock } from '#money';
import { Access, ANY_STAFF, ApiError, ApiResult, CLOCK, ZodPipe, type Clock } from '#platform';
import {
  findReconciliation,
  listReconciliations,
  reconciliationDifferences,
} from '../persistence/reconciliation-rows.js';
import {
  reconciliationDayParam,
  reconciliationListSchema,
  reconciliationSchema,
  reconciliationView,
  type ReconciliationAnswer,
  type ReconciliationList,
} from '../persistence/reconciliation-view.js';

const listQuery = z
  .object({ from: reconciliationDayParam.optional(), to: reconciliationDayParam.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ['to'],
    message: 'to is before from',
    params: { code: 'INVALID_PERIOD' },
  });

/** The saved reconciliations: the list of days, and one day's result. */
@ApiTags('reconciliation')
@Controller('v1/reconciliation/days')
export class ViewReconciliationsController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Access({ staff: ANY_STAFF })
  @Get()
  @ApiOperation({
    operationId: 'listReconciliations',
    summary: 'Reconciled days, newest first (staff)',
    description:
      'Each reconciled Bishkek day in [from, to] (default: the last 31 days) with its counts; a day is flagged while a difference has no resolution.',
  })
  @ApiQuery({ name: 'from', required: false, schema: { type: 'string', format: 'date' }, example: '2026-11-01' })
  @ApiQuery({ name: 'to', required: false, schema: { type: 'string', format: 'date' }, example: '2026-11-30' })
  @ApiResult(200, 'ReconciliationList', reconciliationListSchema, 'The reconciled days')
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (INVALID_DATE, INVALID_PERIOD)' })
  async list(@Query(new ZodPipe(listQuery)) q: z.infer<typeof listQuery>): Promise<ReconciliationList> {
    const today = bishkekWallClock(this.clock.now()).date;
    const to = q.to ?? today;
    const from = q.from ?? bishkekWallClock(new Date(Date.parse(`${to}T00:00:00Z`) - 30 * 86_400_000)).date;
    const days = await listReconciliations(this.db, from, to);
    return days.map((d) => ({
      date: d.day,
      comparedAt: d.comparedAt.toISOString(),
      counts: d.counts,
      unresolved: d.unresolved,
      flagged: d.unresolved > 0,
    }));
  }

  @Access({ staff: ANY_STAFF })
  @Get(':date')
  @ApiOperation({
    operationId: 'getReconciliation',
    summary: "A day's saved reconciliation with MegaPay (staff)",
    description:
      'The comparison last saved for the day: totals per service and status on both sides, the counts, every difference with its resolution, and how many are unresolved.',
  })
  @ApiParam({
    name: 'date',
    description: 'A Bishkek calendar day',
    schema: { type: 'string', format: 'date' },
    example: '2026-11-26',
  })
  @ApiResult(200, 'Reconciliation', reconciliationSchema, 'The saved comparison')
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (INVALID_DATE)' })
  @ApiResponse({ status: 404, description: 'RECONCILIATION_NOT_FOUND: the day was not reconciled' })
  async get(@Param('date', new ZodPipe(reconciliationDayParam, 'date')) day: string): Promise<ReconciliationAnswer> {
    const saved = await findReconciliation(this.db, day);
    if (!saved) throw new ApiError(404, 'RECONCILIATION_NOT_FOUND', `${day} was not reconciled`);
    return reconciliationView(saved, await reconciliationDifferences(this.db, day));
  }
}
