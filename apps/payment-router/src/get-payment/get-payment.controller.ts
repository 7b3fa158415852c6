import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Access, ANY_STAFF, ApiError, ApiResult, ZodPipe } from '#platform';
import { PAYMENT_COLUMNS, paymentSchema, paymentView } from '../persistence/payment-view.js';

@ApiTags('payments')
@Controller('v1/payments')
export class GetPaymentController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @Access({ partners: ['payments'], staff: ANY_STAFF })
  @Get(':id')
  @ApiOperation({
    operationId: 'getPayment',
    description:
      "A payment's status (PENDING, COMPLETED, REJECTED, REFUNDED), its reason and every step it went through.",
    summary: 'Payment status and reason',
  })
  @ApiParam({
    name: 'id',
    description: 'The payment id from POST /v1/payments',
    schema: { type: 'string', format: 'uuid' },
  })
  @ApiResult(200, 'Payment', paymentSchema, 'The payment with every step')
  @ApiResponse({ status: 404, description: 'PAYMENT_NOT_FOUND' })
  async get(@Param('id', new ZodPipe(z.uuid(), 'id')) id: string) {
    const [row] = await this.db.query(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE id = $1`, [id]);
    if (!row) throw new ApiError(404, 'PAYMENT_NOT_FOUND', `no payment ${id}`);
    const steps = await this.db.query(`SELECT stage, reason, at FROM payment_steps WHERE payment_id = $1 ORDER BY id`, [
      id,
    ]);
    return paymentView(row, steps);
  }
}
