import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Access, ApiResult, CLOCK, CurrentActor, openApiSchema, ZodPipe, type Actor, type Clock } from '#platform';
import { invoiceNumberParam } from '../get-invoice/invoice-number.param.js';
import { invoiceSchema, invoiceView } from '../get-invoice/invoice-view.js';
import { ReplaceCsrHandler } from './replace-csr.handler.js';
import { replaceCsrRequest, type ReplaceCsrRequest } from './replace-csr.request.js';

@ApiTags('ЭЦП invoices')
@Controller('v1/ecp/invoices')
export class ReplaceCsrController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(ReplaceCsrHandler) private readonly handler: ReplaceCsrHandler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Access({ staff: ['billing'] })
  @Post(':number/csr')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'replaceCsr',
    description:
      "Repairs a token key's failed production with a new CSR (staff): production runs again; the subject stays the registration's.",
    summary: 'Replace the CSR of a token key whose signature production failed, and produce again',
  })
  @ApiParam({ name: 'number', description: '16 digits', example: '4539578763621486' })
  @ApiBody({ schema: openApiSchema(replaceCsrRequest) })
  @ApiResult(200, 'Invoice', invoiceSchema, 'The invoice, SIGNATURE_PRODUCED')
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED (INVALID_CSR, CSR_MALFORMED, CSR_SIGNATURE_INVALID, UNSUPPORTED_KEY_ALGORITHM)',
  })
  @ApiResponse({ status: 404, description: 'INVOICE_NOT_FOUND' })
  @ApiResponse({
    status: 409,
    description:
      'CSR_NOT_APPLICABLE (a cloud key), CSR_NOT_REPLACEABLE (any status but PRODUCTION_FAILED: unpaid, in production, produced, expired, cancelled)',
  })
  async replace(
    @Param('number', new ZodPipe(invoiceNumberParam)) number: string,
    @Body(new ZodPipe(replaceCsrRequest)) body: ReplaceCsrRequest,
    @CurrentActor() actor: Actor,
  ) {
    await this.handler.handle(number, body.csr, actor);
    return invoiceView(this.db, number, this.clock.now());
  }
}
