import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { formatSom } from '#money';
import { ApiError, ZodPipe } from '#platform';
import {
  paymentRequestSchema,
  type PaymentRequestBody,
} from '../../apps/payment-router/src/http/payment-request.schema.js';
import { PayHandler } from './pay.handler.js';

/**
 * The router's `POST /v1/payments`, same body and headers, validated by the router's own schema. The RFC 9421
 * signature headers are accepted without being verified (the monolith has no partner keys); answered once committed.
 */
@Controller('v1/payments')
export class PaymentsController {
  constructor(@Inject(PayHandler) private readonly handler: PayHandler) {}

  @Post()
  @HttpCode(202)
  async pay(
    @Headers('idempotency-key') key: string | undefined,
    @Body(new ZodPipe(paymentRequestSchema)) body: PaymentRequestBody,
  ) {
    if (!key) throw new ApiError(400, 'IDEMPOTENCY_KEY_REQUIRED', 'the Idempotency-Key header is required');
    if (body.service !== 'SOCHI') throw new ApiError(400, 'VALIDATION_FAILED', 'the monolith pays СОЧИ only');
    const paid = await this.handler.handle({
      key,
      phone: body.phone,
      account: body.account,
      amount: body.amount,
    });
    return {
      id: paid.id,
      status: paid.status,
      service: body.service,
      account: body.account,
      amount: formatSom(body.amount),
      ...(paid.reason ? { reason: paid.reason } : {}),
    };
  }
}
