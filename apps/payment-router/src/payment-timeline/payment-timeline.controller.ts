import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Access, ANY_STAFF, ApiError, ApiResult, ZodPipe } from '#platform';
import { timelineStep } from '../domain/payment-timeline.js';
import type { PaymentStage } from '../domain/payment-saga.js';
import { listedPaymentView } from '../persistence/listed-payment-view.js';
import { findListedPayment, paymentSteps } from '../persistence/payment-search.js';
import { timelineSchema, type Timeline } from './timeline.schema.js';

@ApiTags('payments')
@Controller('v1/payments')
export class PaymentTimelineController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @Access({ staff: ANY_STAFF })
  @Get(':id/timeline')
  @ApiOperation({
    operationId: 'getPaymentTimeline',
    summary: "A payment's story across the services (staff)",
    description:
      "The payment as the lists show it and each step it went through, oldest first: the request (payment-router), the debit, its refusal or the refund (wallet), the payee's acceptance or refusal (sochi-balance or ecp-invoicing) and, for ЭЦП, the signature.",
  })
  @ApiParam({ name: 'id', description: 'The payment id', schema: { type: 'string', format: 'uuid' } })
  @ApiResult(200, 'PaymentTimeline', timelineSchema, 'The payment and its steps')
  @ApiResponse({ status: 404, description: 'PAYMENT_NOT_FOUND' })
  async get(@Param('id', new ZodPipe(z.uuid(), 'id')) id: string): Promise<Timeline> {
    const row = await findListedPayment(this.db, id);
    if (!row) throw new ApiError(404, 'PAYMENT_NOT_FOUND', `no payment ${id}`);
    const steps = await paymentSteps(this.db, id);
    const events: Timeline['events'] = steps.map((s) => ({
      at: s.at.toISOString(),
      ...timelineStep(s.stage, row.service),
      reason: s.reason,
    }));
    if (row.signature_produced_at)
      events.push({
        at: new Date(row.signature_produced_at).toISOString(),
        service: 'ecp-invoicing',
        step: 'SIGNATURE_PRODUCED',
        reason: null,
      });
    return { payment: listedPaymentView(row), events };
  }
}
