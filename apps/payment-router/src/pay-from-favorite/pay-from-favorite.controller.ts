import { Body, Controller, Headers, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, ApiError, openApiSchema, ZodPipe } from '#platform';
import { autopaymentRunIdOf } from '../domain/autopayment-payment.js';
import { paymentView } from '../persistence/payment-view.js';
import { idempotencyKeySchema } from '../request-payment/payment-request.schema.js';
import { PayFromFavoriteHandler } from './pay-from-favorite.handler.js';
import { payFromFavoriteRequest, type PayFromFavoriteRequest } from './pay-from-favorite.request.js';

@ApiTags('payments')
@Controller('v1/payments/from-favorite')
export class PayFromFavoriteController {
  constructor(@Inject(PayFromFavoriteHandler) private readonly handler: PayFromFavoriteHandler) {}

  /** Pays one of the subscriber's favorites; the same flow and answer as POST /v1/payments. */
  @Access({ partners: ['payments'] })
  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Pay a favorite (payment template) from the wallet' })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'One key per payment; a retry with the same key and body returns the same payment' })
  @ApiBody({ schema: openApiSchema(payFromFavoriteRequest) })
  @ApiResponse({ status: 202, description: 'Accepted, status PENDING (or the current state of a replayed request)' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (AMOUNT_REQUIRED when neither the request nor the favorite has one), IDEMPOTENCY_KEY_REQUIRED' })
  @ApiResponse({ status: 404, description: 'FAVORITE_NOT_FOUND' })
  @ApiResponse({ status: 422, description: 'IDEMPOTENCY_KEY_REUSED, NOTHING_DUE (an ЭЦП invoice with nothing to pay)' })
  @ApiResponse({ status: 503, description: 'DEPENDENCY_UNAVAILABLE: the wallet (or ecp-invoicing) did not answer' })
  async pay(
    @Headers('idempotency-key') key: string | undefined,
    @Body(new ZodPipe(payFromFavoriteRequest)) body: PayFromFavoriteRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const parsedKey = idempotencyKeySchema.safeParse(key);
    if (!parsedKey.success) throw new ApiError(400, 'IDEMPOTENCY_KEY_REQUIRED', 'send an Idempotency-Key header of 1 to 200 characters');
    if (autopaymentRunIdOf(parsedKey.data) !== null) {
      throw new ApiError(400, 'IDEMPOTENCY_KEY_REQUIRED', 'keys of the form autopayment:<uuid> are the wallet scheduler\'s; choose another key');
    }
    const { row, replayed } = await this.handler.handle(parsedKey.data, body);
    res.setHeader('Location', `/v1/payments/${row.id}`);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return { ...paymentView(row), favoriteId: body.favoriteId };
  }
}
