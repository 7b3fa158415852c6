import { Body, Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, ApiError, ApiResult, IDEMPOTENCY_KEY_RULE, openApiSchema, ZodPipe } from '#platform';
import { paymentSchema, paymentView } from '../persistence/payment-view.js';
import { acceptedPayment } from '../http/payment-accepted.response.js';
import { PaymentIdempotencyKey } from '../http/payment-idempotency-key.decorator.js';
import { PayFromFavoriteHandler } from './pay-from-favorite.handler.js';
import { payFromFavoriteRequest, type PayFromFavoriteRequest } from './pay-from-favorite.request.js';

@ApiTags('payments')
@Controller('v1/payments/from-favorite')
export class PayFromFavoriteController {
  constructor(@Inject(PayFromFavoriteHandler) private readonly handler: PayFromFavoriteHandler) {}

  @Access({ partners: ['payments'] })
  @Post()
  @HttpCode(202)
  @ApiOperation({
    operationId: 'payFavorite',
    description: "Pays one of the subscriber's favorites; the same flow and answer as POST /v1/payments.",
    summary: 'Pay a favorite (payment template) from the wallet',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: `${IDEMPOTENCY_KEY_RULE}. One key per payment; a retry with the same key and body returns the same payment`,
  })
  @ApiBody({ schema: openApiSchema(payFromFavoriteRequest) })
  @ApiResult(202, 'Payment', paymentSchema, 'Accepted, status PENDING (or the current state of a replayed request)')
  @ApiResponse({
    status: 400,
    description:
      'VALIDATION_FAILED (AMOUNT_REQUIRED when neither the request nor the favorite has one; an Idempotency-Key of the reserved form autopayment:<uuid>), INVALID_IDEMPOTENCY_KEY (too long or outside its alphabet), IDEMPOTENCY_KEY_REQUIRED',
  })
  @ApiResponse({ status: 404, description: 'FAVORITE_NOT_FOUND' })
  @ApiResponse({ status: 422, description: 'IDEMPOTENCY_KEY_REUSED, NOTHING_DUE (an ЭЦП invoice with nothing to pay)' })
  @ApiResponse({ status: 503, description: 'DEPENDENCY_UNAVAILABLE: the wallet (or ecp-invoicing) did not answer' })
  async pay(
    @PaymentIdempotencyKey() key: string,
    @Body(new ZodPipe(payFromFavoriteRequest)) body: PayFromFavoriteRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.handler.handle(key, body);
    switch (result.kind) {
      case 'favorite-not-found':
        throw new ApiError(404, 'FAVORITE_NOT_FOUND', `wallet ${body.phone} has no favorite ${body.favoriteId}`);
      case 'amount-required': {
        const message = 'this favorite has no amount: send one';
        throw new ApiError(400, 'VALIDATION_FAILED', `amount: ${message}`, {
          errors: [{ field: 'amount', code: 'AMOUNT_REQUIRED', message }],
        });
      }
      case 'nothing-due':
        throw new ApiError(422, 'NOTHING_DUE', `invoice ${result.account} has nothing to pay (${result.reason})`, {
          reason: result.reason,
        });
    }
    return { ...paymentView(acceptedPayment(result, res)), favoriteId: body.favoriteId };
  }
}
