import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Access, ANY_STAFF, ApiError, ApiResult, CLOCK, ZodPipe, type Clock } from '#platform';
import { invoiceNumberParam } from './invoice-number.param.js';
import { invoiceSchema, invoiceView } from './invoice-view.js';

@ApiTags('ЭЦП invoices')
@Controller('v1/ecp/invoices')
export class GetInvoiceController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Access({ partners: ['ecp-registration', 'service-queries'], staff: ANY_STAFF })
  @Get(':number')
  @ApiOperation({
    operationId: 'getInvoice',
    description:
      'The invoice, what is still due on it, its product, payment, signature production and certificate, and its history.',
    summary: 'An ЭЦП invoice with its status history',
  })
  @ApiParam({ name: 'number', description: '16 digits', example: '4539578763621486' })
  @ApiResult(200, 'Invoice', invoiceSchema, 'The invoice with its history')
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (INVALID_INVOICE_NUMBER)' })
  @ApiResponse({ status: 404, description: 'INVOICE_NOT_FOUND' })
  async get(@Param('number', new ZodPipe(invoiceNumberParam)) number: string) {
    const view = await invoiceView(this.db, number, this.clock.now());
    if (!view) throw new ApiError(404, 'INVOICE_NOT_FOUND', `no invoice with number ${number}`);
    return view;
  }
}
