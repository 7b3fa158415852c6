import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Access, ANY_STAFF, ApiError, ApiResult, coded, ZodPipe } from '#platform';
import { paymentSchema, paymentView } from '../persistence/payment-view.js';
import { PaymentWaiters } from './payment-waiters.js';

/** The longest a client may wait for a payment to become final in one request. */
export const MAX_WAIT_MS = 10_000;

/**
 * One indexed read: the payment by its primary key and its steps through payment_steps_by_payment, as one row
 * (`steps` aggregated in the same statement), so a status poll is one round trip.
 */
const PAYMENT_WITH_STEPS = `
  SELECT p.id, p.phone, p.service, p.account, p.amount, p.stage, p.reason, p.created_at, p.updated_at,
         p.signature_produced_at,
         (SELECT json_agg(json_build_object('stage', s.stage, 'reason', s.reason, 'at', s.at) ORDER BY s.id)
            FROM payment_steps s WHERE s.payment_id = p.id) AS steps
    FROM payments p WHERE p.id = $1`;

/** `?wait=` in ms: absent is 0; anything but an integer 0..MAX_WAIT_MS is 400 with the field code INVALID_WAIT. */
const WAIT = z
  .string()
  .optional()
  .transform((text) => (text === undefined ? 0 : /^[0-9]{1,6}$/.test(text) ? Number(text) : NaN))
  .refine(
    ...coded<number>(
      'INVALID_WAIT',
      `an integer number of milliseconds from 0 to ${MAX_WAIT_MS}`,
      (ms) => ms <= MAX_WAIT_MS,
    ),
  );

const FINAL_STAGES = new Set(['COMPLETED', 'REJECTED', 'REFUNDED']);

@ApiTags('payments')
@Controller('v1/payments')
export class GetPaymentController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(PaymentWaiters) private readonly waiters: PaymentWaiters,
  ) {}

  @Access({ partners: ['payments'], staff: ANY_STAFF })
  @Get(':id')
  @ApiOperation({
    operationId: 'getPayment',
    description:
      "A payment's status (PENDING, COMPLETED, REJECTED, REFUNDED), its reason and every step it went through. " +
      `With \`wait\`, a PENDING payment is answered as soon as it becomes final, or when \`wait\` ms have passed ` +
      '(then still PENDING): one request instead of polling.',
    summary: 'Payment status and reason',
  })
  @ApiParam({
    name: 'id',
    description: 'The payment id from POST /v1/payments',
    schema: { type: 'string', format: 'uuid' },
  })
  @ApiQuery({
    name: 'wait',
    required: false,
    description: `How long to wait for a PENDING payment to become final, in ms (0 to ${MAX_WAIT_MS}; 0 by default: answer at once)`,
    schema: { type: 'integer', minimum: 0, maximum: MAX_WAIT_MS, default: 0 },
  })
  @ApiResult(200, 'Payment', paymentSchema, 'The payment with every step')
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (field code INVALID_WAIT)' })
  @ApiResponse({ status: 404, description: 'PAYMENT_NOT_FOUND' })
  async get(
    @Param('id', new ZodPipe(z.uuid(), 'id')) id: string,
    @Query('wait', new ZodPipe(WAIT, 'wait')) waitMs: number,
  ) {
    const waiting = waitMs > 0 ? this.waiters.wait(id, waitMs) : undefined;
    try {
      let row = await this.read(id);
      if (waiting && !FINAL_STAGES.has(row.stage)) {
        await waiting.done;
        row = await this.read(id);
      }
      return paymentView(row, row.steps ?? []);
    } finally {
      waiting?.cancel();
    }
  }

  private async read(id: string): Promise<Record<string, any>> {
    const [row] = await this.db.query(PAYMENT_WITH_STEPS, [id]);
    if (!row) throw new ApiError(404, 'PAYMENT_NOT_FOUND', `no payment ${id}`);
    return row;
  }
}
