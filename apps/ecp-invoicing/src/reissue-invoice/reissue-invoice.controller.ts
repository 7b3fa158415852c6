import { Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Access, ApiResult, ApiError, CLOCK, CurrentActor, ZodPipe, type Actor, type Clock } from '#platform';
import { invoiceSchema, invoiceView } from '../get-invoice/invoice-view.js';
import { registrationIdParam } from '../get-registration/registration-id.param.js';
import { ReissueInvoiceHandler } from './reissue-invoice.handler.js';

@ApiTags('ЭЦП registrations')
@Controller('v1/ecp/registrations')
export class ReissueInvoiceController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(ReissueInvoiceHandler) private readonly handler: ReissueInvoiceHandler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Access({ staff: ['billing'] })
  @Post(':id/invoices')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'reissueInvoice',
    description:
      "Issues a registration a new invoice at its product's current price, once its last one expired or was cancelled (billing staff).",
    summary: "Re-issue a registration's invoice after it expired or was cancelled, at the product's current price",
  })
  @ApiParam({ name: 'id', description: 'the registration id (UUID)', schema: { type: 'string', format: 'uuid' } })
  @ApiResult(201, 'Invoice', invoiceSchema, 'The new invoice, ISSUED, with a new 16-digit number')
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (INVALID_REGISTRATION_ID)' })
  @ApiResponse({ status: 404, description: 'REGISTRATION_NOT_FOUND' })
  @ApiResponse({
    status: 409,
    description:
      'REGISTRATION_HAS_LIVE_INVOICE (with invoiceNumber and invoiceStatus: ISSUED, PAID, SIGNATURE_PRODUCED or PRODUCTION_FAILED)',
  })
  async reissue(@Param('id', new ZodPipe(registrationIdParam, 'id')) id: string, @CurrentActor() actor: Actor) {
    const result = await this.handler.handle(id, actor);
    switch (result.kind) {
      case 'registration-not-found':
        throw new ApiError(404, 'REGISTRATION_NOT_FOUND', `no registration ${id}`);
      case 'has-live-invoice':
        throw new ApiError(
          409,
          'REGISTRATION_HAS_LIVE_INVOICE',
          `registration ${id} has invoice ${result.invoiceNumber}, ${result.invoiceStatus}: a new one is issued only after it expired or was cancelled`,
          { invoiceNumber: result.invoiceNumber, invoiceStatus: result.invoiceStatus },
        );
      case 'issued':
        return invoiceView(this.db, result.invoice.number, this.clock.now());
    }
  }
}
