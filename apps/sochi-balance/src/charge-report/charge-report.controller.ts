import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Access, ANY_STAFF, ApiError, ApiResult, CurrentActor, openApiSchema, ZodPipe, type Actor } from '#platform';
import { formatSom } from '#money';
import { ChargeReportHandler } from './charge-report.handler.js';
import {
  chargeReportRequest,
  innParams,
  listChargesQuery,
  type ChargeReportRequest,
  type InnParams,
  type ListChargesQuery,
} from './charge-report.request.js';
import {
  CHARGE_COLUMNS,
  chargeListSchema,
  chargeResultSchema,
  chargeView,
  type ChargeList,
  type ChargeResult,
} from './charge.view.js';

@ApiTags('СОЧИ report charges')
@Controller('v1/sochi/organizations')
export class ChargeReportController {
  constructor(
    @Inject(ChargeReportHandler) private readonly handler: ChargeReportHandler,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  @Access({ partners: ['sochi-reports'] })
  @Post(':inn/charges')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'chargeReport',
    description:
      'Pays for sending a report from the СОЧИ balance: PAID at once when the balance covers the price, else AWAITING_PAYMENT until a top-up covers it (then sochi.reports-released says it can go out). Idempotent on reportId.',
    summary: 'Charge a report to the СОЧИ balance, or queue it awaiting payment',
  })
  @ApiParam({ name: 'inn', example: '01234567890123' })
  @ApiBody({ schema: openApiSchema(chargeReportRequest) })
  @ApiResult(201, 'ChargeResult', chargeResultSchema, 'PAID or AWAITING_PAYMENT')
  @ApiResult(
    200,
    'ChargeResult',
    chargeResultSchema,
    'A retry with the same reportId and request: the charge as it stands',
  )
  @ApiResponse({ status: 404, description: 'ORGANIZATION_NOT_FOUND' })
  @ApiResponse({
    status: 422,
    description: 'REPORT_ID_REUSED: the reportId was charged for another organization, description or price',
  })
  async charge(
    @Param(new ZodPipe(innParams)) { inn }: InnParams,
    @Body(new ZodPipe(chargeReportRequest)) body: ChargeReportRequest,
    @Res({ passthrough: true }) res: Response,
    @CurrentActor() actor: Actor,
  ): Promise<ChargeResult> {
    const result = await this.handler.handle(inn, body, actor);
    switch (result.kind) {
      case 'organization-not-found':
        throw new ApiError(404, 'ORGANIZATION_NOT_FOUND', `no organization with INN ${inn}`);
      case 'report-id-reused':
        throw new ApiError(422, 'REPORT_ID_REUSED', `report ${body.reportId} was already charged with another request`);
      case 'replayed':
        res.status(200);
        return { ...chargeView(result.charge), balance: formatSom(result.balance) };
      case 'created':
        return { ...chargeView(result.charge), balance: formatSom(result.balance) };
    }
  }

  @Access({ partners: ['sochi-reports'], staff: ANY_STAFF })
  @Get(':inn/charges')
  @ApiOperation({
    operationId: 'listCharges',
    description: "The organization's report charges, oldest first (the order a top-up pays waiting ones in).",
    summary: 'Report charges, optionally only AWAITING_PAYMENT or PAID',
  })
  @ApiParam({ name: 'inn', example: '01234567890123' })
  @ApiQuery({ name: 'status', required: false, enum: ['AWAITING_PAYMENT', 'PAID'] })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } })
  @ApiResult(200, 'ChargeList', chargeListSchema, 'The charges, oldest first')
  @ApiResponse({ status: 404, description: 'ORGANIZATION_NOT_FOUND' })
  async list(
    @Param(new ZodPipe(innParams)) { inn }: InnParams,
    @Query(new ZodPipe(listChargesQuery)) q: ListChargesQuery,
  ): Promise<ChargeList> {
    const [org] = await this.db.query(`SELECT 1 FROM organizations WHERE inn = $1`, [inn]);
    if (!org) throw new ApiError(404, 'ORGANIZATION_NOT_FOUND', `no organization with INN ${inn}`);
    const rows = await this.db.query(
      `SELECT ${CHARGE_COLUMNS} FROM report_charges WHERE inn = $1 AND ($2::text IS NULL OR status = $2) ORDER BY id LIMIT $3`,
      [inn, q.status ?? null, q.limit],
    );
    return { items: rows.map(chargeView) };
  }
}
