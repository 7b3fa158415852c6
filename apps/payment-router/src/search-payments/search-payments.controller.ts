import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Access, ANY_STAFF, ApiResult, CLOCK, ZodPipe, type Clock } from '#platform';
import { PAYMENT_ROUTER_CONFIG, type PaymentRouterConfig } from '../payment-router.config.js';
import { listedPaymentView } from '../persistence/listed-payment-view.js';
import { PAYMENT_SORTS, searchPayments } from '../persistence/payment-search.js';
import { paymentPageSchema, type PaymentPage } from './payment-page.schema.js';
import { searchPaymentsQuery, type SearchPaymentsQuery } from './search-payments.query.js';

@ApiTags('payments')
@Controller('v1/payments')
export class SearchPaymentsController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PAYMENT_ROUTER_CONFIG) private readonly config: PaymentRouterConfig,
  ) {}

  @Access({ staff: ANY_STAFF })
  @Get()
  @ApiOperation({
    operationId: 'searchPayments',
    summary:
      'Find payments (staff): by id, Idempotency-Key, phone, INN or invoice number, status, reason, period; paged and sorted',
    description:
      'Every filter narrows the result. `stuck=true` keeps the payments not final `stuckAfterMinutes` after they were requested (default PAYMENT_STUCK_AFTER_S), each saying what it waits for.',
  })
  @ApiQuery({ name: 'paymentId', required: false, schema: { type: 'string', format: 'uuid' } })
  @ApiQuery({
    name: 'idempotencyKey',
    required: false,
    schema: { type: 'string', maxLength: 200 },
    description: "MegaPay's Idempotency-Key",
  })
  @ApiQuery({
    name: 'phone',
    required: false,
    schema: { type: 'string', pattern: '^996[0-9]{9}$' },
    example: '996555000001',
  })
  @ApiQuery({
    name: 'account',
    required: false,
    schema: { type: 'string', pattern: '^([0-9]{14}|[0-9]{16})$' },
    description: 'INN or invoice number',
    example: '01234567890123',
  })
  @ApiQuery({ name: 'service', required: false, schema: { type: 'string', enum: ['SOCHI', 'ECP'] } })
  @ApiQuery({
    name: 'status',
    required: false,
    schema: { type: 'string' },
    description: 'PENDING, COMPLETED, REJECTED, REFUNDED or a stage (AWAITING_DEBIT, …); several separated by commas',
    example: 'REJECTED,REFUNDED',
  })
  @ApiQuery({ name: 'reason', required: false, schema: { type: 'string' }, example: 'INSUFFICIENT_FUNDS' })
  @ApiQuery({
    name: 'from',
    required: false,
    schema: { type: 'string', format: 'date-time' },
    description: 'requested at or after',
    example: '2026-11-25T18:00:00Z',
  })
  @ApiQuery({
    name: 'to',
    required: false,
    schema: { type: 'string', format: 'date-time' },
    description: 'requested before',
    example: '2026-11-26T18:00:00Z',
  })
  @ApiQuery({ name: 'stuck', required: false, schema: { type: 'string', enum: ['true', 'false'] } })
  @ApiQuery({
    name: 'stuckAfterMinutes',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 10080 },
    description: 'with stuck=true; default PAYMENT_STUCK_AFTER_S',
  })
  @ApiQuery({
    name: 'sort',
    required: false,
    schema: { type: 'string', enum: [...PAYMENT_SORTS], default: '-createdAt' },
  })
  @ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1, maximum: 10000, default: 1 } })
  @ApiQuery({ name: 'pageSize', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } })
  @ApiResult(200, 'PaymentPage', paymentPageSchema, 'A page of the payments that match')
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (INVALID_STATUS, INVALID_PERIOD, …)' })
  async search(@Query(new ZodPipe(searchPaymentsQuery)) q: SearchPaymentsQuery): Promise<PaymentPage> {
    const { stuck, stuckAfterMinutes, status, ...filters } = q;
    const stuckForMs =
      stuckAfterMinutes !== undefined ? stuckAfterMinutes * 60_000 : this.config.PAYMENT_STUCK_AFTER_S * 1000;
    const { rows, total, totalIsExact } = await searchPayments(this.db, {
      ...filters,
      stages: status,
      stuckSince: stuck ? new Date(this.clock.now().getTime() - stuckForMs) : undefined,
    });
    return { items: rows.map(listedPaymentView), page: q.page, pageSize: q.pageSize, total, totalIsExact };
  }
}
