import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Access, ApiError, ApiResult, CurrentActor, openApiSchema, ZodPipe, type Actor } from '#platform';
import { findReconciliation, reconciliationDifferences } from '../persistence/reconciliation-rows.js';
import {
  reconciliationDayParam,
  reconciliationSchema,
  reconciliationView,
  type ReconciliationAnswer,
} from '../persistence/reconciliation-view.js';
import { ReconcileDayHandler } from './reconcile-day.handler.js';
import { reconcileDayRequest, type ReconcileDayRequest } from './reconcile-day.request.js';

@ApiTags('reconciliation')
@Controller('v1/reconciliation/days')
export class ReconcileDayController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(ReconcileDayHandler) private readonly handler: ReconcileDayHandler,
  ) {}

  @Access({ staff: ['billing'] })
  @Post(':date')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'reconcileDay',
    summary: "Compare MegaPay's register of a Bishkek day with ours and save the result (staff)",
    description:
      "MegaPay's register is CSV (docs/reconciliation.md). The result replaces the day's previous one; a difference already resolved keeps its note when it is found again unchanged.",
  })
  @ApiParam({
    name: 'date',
    description: 'A Bishkek calendar day',
    schema: { type: 'string', format: 'date' },
    example: '2026-11-26',
  })
  @ApiBody({ schema: openApiSchema(reconcileDayRequest) })
  @ApiResult(200, 'Reconciliation', reconciliationSchema, 'The saved comparison')
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (INVALID_DATE, …)' })
  @ApiResponse({
    status: 422,
    description: 'REGISTER_UNREADABLE: the line (1 is the header) and what is wrong with it',
  })
  async reconcile(
    @Param('date', new ZodPipe(reconciliationDayParam, 'date')) day: string,
    @Body(new ZodPipe(reconcileDayRequest)) body: ReconcileDayRequest,
    @CurrentActor() actor: Actor,
  ): Promise<ReconciliationAnswer> {
    const result = await this.handler.handle(day, body.megapayRegister, actor);
    if (result.kind === 'unreadable')
      throw new ApiError(422, 'REGISTER_UNREADABLE', `line ${result.line}: ${result.problem}`, { line: result.line });
    return reconciliationView((await findReconciliation(this.db, day))!, await reconciliationDifferences(this.db, day));
  }
}
