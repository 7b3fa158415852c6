import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Access, ApiResult, CLOCK, CurrentActor, openApiSchema, ZodPipe, type Actor, type Clock } from '#platform';
import { invoiceNumberParam } from '../get-invoice/invoice-number.param.js';
import { invoiceSchema, invoiceView } from '../get-invoice/invoice-view.js';
import { CancelInvoiceHandler } from './cancel-invoice.handler.js';
import { cancelInvoiceRequest, type CancelInvoiceRequest } from './cancel-invoice.request.js';

@ApiTags('ЭЦП invoices')
@Controller('v1/ecp/invoices')
export class CancelInvoiceController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CancelInvoiceHandler) private readonly handler: CancelInvoiceHandler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Access({ staff: ['billing'] })
  @Post(':number/cancel')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'cancelInvoice',
    description: 'Cancels an unpaid invoice (staff), with the reason.',
    summary: 'Cancel an unpaid ЭЦП invoice',
  })
  @ApiParam({ name: 'number', description: '16 digits', example: '4539578763621486' })
  @ApiBody({ schema: openApiSchema(cancelInvoiceRequest) })
  @ApiResult(200, 'Invoice', invoiceSchema, 'The invoice, now CANCELLED')
  @ApiResponse({ status: 404, description: 'INVOICE_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'INVOICE_NOT_CANCELLABLE (paid, expired or already cancelled)' })
  async cancel(
    @Param('number', new ZodPipe(invoiceNumberParam)) number: string,
    @Body(new ZodPipe(cancelInvoiceRequest)) body: CancelInvoiceRequest,
    @CurrentActor() actor: Actor,
  ) {
    await this.handler.handle(number, body.reason, actor);
    return invoiceView(this.db, number, this.clock.now());
  }
}
