import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Access, ApiResult, CurrentActor, openApiSchema, ZodPipe, type Actor } from '#platform';
import { differenceSchema, differenceView, reconciliationDayParam } from '../persistence/reconciliation-view.js';
import { ResolveDifferenceHandler } from './resolve-difference.handler.js';
import { resolveDifferenceRequest, type ResolveDifferenceRequest } from './resolve-difference.request.js';

const differenceId = z.string().regex(/^[1-9][0-9]{0,17}$/, 'a difference id');

@ApiTags('reconciliation')
@Controller('v1/reconciliation/days')
export class ResolveDifferenceController {
  constructor(@Inject(ResolveDifferenceHandler) private readonly handler: ResolveDifferenceHandler) {}

  @Access({ staff: ['billing'] })
  @Post(':date/differences/:id/resolution')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'resolveReconciliationDifference',
    summary: 'Explain a difference of a reconciled day (staff)',
    description: 'Records the note, who wrote it and when; a day stays flagged until each of its differences has one.',
  })
  @ApiParam({
    name: 'date',
    description: 'A Bishkek calendar day',
    schema: { type: 'string', format: 'date' },
    example: '2026-11-26',
  })
  @ApiParam({
    name: 'id',
    description: 'The difference id',
    schema: { type: 'string', pattern: '^[1-9][0-9]*$' },
    example: '17',
  })
  @ApiBody({ schema: openApiSchema(resolveDifferenceRequest) })
  @ApiResult(200, 'ReconciliationDifference', differenceSchema, 'The difference with its resolution')
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (INVALID_DATE, INVALID_NOTE, …)' })
  @ApiResponse({ status: 404, description: 'DIFFERENCE_NOT_FOUND' })
  async resolve(
    @Param('date', new ZodPipe(reconciliationDayParam, 'date')) day: string,
    @Param('id', new ZodPipe(differenceId, 'id')) id: string,
    @Body(new ZodPipe(resolveDifferenceRequest)) body: ResolveDifferenceRequest,
    @CurrentActor() actor: Actor,
  ) {
    return differenceView(await this.handler.handle(day, id, body.note, actor));
  }
}
