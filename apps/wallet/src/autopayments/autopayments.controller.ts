import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access, ANY_STAFF, ApiResult, openApiSchema, ZodPipe } from '#platform';
import { phoneParams, type PhoneParams } from '../get-wallet/phone.params.js';
import {
  autopaymentParams,
  createAutopaymentRequest,
  type AutopaymentParams,
  type CreateAutopaymentRequest,
} from './autopayment.request.js';
import {
  autopaymentListSchema,
  autopaymentSchema,
  autopaymentView,
  runView,
  type AutopaymentList,
} from './autopayment.view.js';
import { AutopaymentsHandler } from './autopayments.handler.js';

@ApiTags('autopayments')
@Controller('v1/wallets')
export class AutopaymentsController {
  constructor(@Inject(AutopaymentsHandler) private readonly handler: AutopaymentsHandler) {}

  @Access({ partners: ['payments'] })
  @Post(':phone/autopayments')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createAutopayment',
    description:
      'AUTOPAYMENT: pays a favorite monthly (day 1–28) or weekly at a Bishkek time; the first run may be `startAt`.',
    summary: 'Set up an autopayment of a favorite',
  })
  @ApiParam({ name: 'phone', example: '996555000001' })
  @ApiBody({ schema: openApiSchema(createAutopaymentRequest) })
  @ApiResult(201, 'Autopayment', autopaymentSchema, 'Set up, with its next run')
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED (INVALID_DAY_OF_MONTH, INVALID_TIME, AMOUNT_REQUIRED, INVALID_START_AT, …)',
  })
  @ApiResponse({ status: 404, description: 'WALLET_NOT_FOUND, FAVORITE_NOT_FOUND' })
  async create(
    @Param(new ZodPipe(phoneParams)) { phone }: PhoneParams,
    @Body(new ZodPipe(createAutopaymentRequest)) body: CreateAutopaymentRequest,
  ) {
    return autopaymentView(await this.handler.create(phone, body), []);
  }

  @Access({ partners: ['payments'], staff: ANY_STAFF })
  @Get(':phone/autopayments')
  @ApiOperation({
    operationId: 'listAutopayments',
    description: "The wallet's autopayments with their next run and last run.",
    summary: 'List autopayments',
  })
  @ApiParam({ name: 'phone', example: '996555000001' })
  @ApiResult(200, 'AutopaymentList', autopaymentListSchema, 'The autopayments, each with its last run')
  @ApiResponse({ status: 404, description: 'WALLET_NOT_FOUND' })
  async list(@Param(new ZodPipe(phoneParams)) { phone }: PhoneParams): Promise<AutopaymentList> {
    const items = await this.handler.list(phone);
    return {
      items: items.map(({ row, lastRun }) => ({ ...autopaymentView(row), lastRun: lastRun && runView(lastRun) })),
    };
  }

  @Access({ partners: ['payments'], staff: ANY_STAFF })
  @Get(':phone/autopayments/:id')
  @ApiOperation({
    operationId: 'getAutopayment',
    description: 'One autopayment with its next run and its past runs, newest first.',
    summary: 'An autopayment with its runs',
  })
  @ApiParam({ name: 'phone', example: '996555000001' })
  @ApiParam({ name: 'id', description: 'The autopayment id', schema: { type: 'string', format: 'uuid' } })
  @ApiResult(200, 'Autopayment', autopaymentSchema, 'The autopayment with every run')
  @ApiResponse({ status: 404, description: 'AUTOPAYMENT_NOT_FOUND' })
  async get(@Param(new ZodPipe(autopaymentParams)) { phone, id }: AutopaymentParams) {
    const { row, runs } = await this.handler.get(phone, id);
    return autopaymentView(row, runs);
  }

  @Access({ partners: ['payments'] })
  @Post(':phone/autopayments/:id/pause')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'pauseAutopayment',
    description: 'Stops the runs of an autopayment until it is resumed; pausing a paused one changes nothing.',
    summary: 'Pause an autopayment',
  })
  @ApiParam({ name: 'phone', example: '996555000001' })
  @ApiParam({ name: 'id', description: 'The autopayment id', schema: { type: 'string', format: 'uuid' } })
  @ApiResult(200, 'Autopayment', autopaymentSchema, 'Paused (or already paused)')
  @ApiResponse({ status: 409, description: 'AUTOPAYMENT_CANCELLED' })
  async pause(@Param(new ZodPipe(autopaymentParams)) { phone, id }: AutopaymentParams) {
    await this.handler.change(phone, id, 'pause');
    return this.get({ phone, id });
  }

  @Access({ partners: ['payments'] })
  @Post(':phone/autopayments/:id/resume')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'resumeAutopayment',
    description: 'Resumes a paused autopayment (also one paused after failing runs) and clears its failure count.',
    summary: 'Resume a paused autopayment',
  })
  @ApiParam({ name: 'phone', example: '996555000001' })
  @ApiParam({ name: 'id', description: 'The autopayment id', schema: { type: 'string', format: 'uuid' } })
  @ApiResult(200, 'Autopayment', autopaymentSchema, 'Active again, with its next run')
  @ApiResponse({ status: 409, description: 'AUTOPAYMENT_CANCELLED' })
  async resume(@Param(new ZodPipe(autopaymentParams)) { phone, id }: AutopaymentParams) {
    await this.handler.change(phone, id, 'resume');
    return this.get({ phone, id });
  }

  @Access({ partners: ['payments'] })
  @Delete(':phone/autopayments/:id')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'cancelAutopayment',
    description: 'Cancels for good; the autopayment and its runs stay readable as history.',
    summary: 'Cancel an autopayment',
  })
  @ApiParam({ name: 'phone', example: '996555000001' })
  @ApiParam({ name: 'id', description: 'The autopayment id', schema: { type: 'string', format: 'uuid' } })
  @ApiResult(200, 'Autopayment', autopaymentSchema, 'Cancelled')
  @ApiResponse({ status: 404, description: 'AUTOPAYMENT_NOT_FOUND' })
  async cancel(@Param(new ZodPipe(autopaymentParams)) { phone, id }: AutopaymentParams) {
    await this.handler.change(phone, id, 'cancel');
    return this.get({ phone, id });
  }
}
