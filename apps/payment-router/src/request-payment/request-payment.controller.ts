import { Body, Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, ApiResult, IDEMPOTENCY_KEY_RULE, openApiSchema, ZodPipe } from '#platform';
import { paymentSchema, paymentView } from '../persistence/payment-view.js';
import { acceptedPayment } from '../http/payment-accepted.response.js';
import { PaymentIdempotencyKey } from '../http/payment-idempotency-key.decorator.js';
import { paymentRequestSchema, type PaymentRequestBody } from '../http/payment-request.schema.js';
import { PaymentIntake } from '../persistence/payment-intake.js';

@ApiTags('payments')
@Controller('v1/payments')
export class RequestPaymentController {
  constructor(@Inject(PaymentIntake) private readonly handler: PaymentIntake) {}

  @Access({ partners: ['payments'] })
  @Post()
  @HttpCode(202)
  @ApiOperation({
    operationId: 'requestPayment',
    description:
      'Pays a Dos Tek service from a MegaPay wallet. Accepted at once; poll GET /v1/payments/{id} for the outcome.',
    summary: 'Pay СОЧИ (INN) or ЭЦП (invoice number) from a wallet',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: `${IDEMPOTENCY_KEY_RULE}. One key per payment; a retry with the same key and body returns the same payment`,
  })
  @ApiBody({ schema: openApiSchema(paymentRequestSchema) })
  @ApiResult(202, 'Payment', paymentSchema, 'Accepted, status PENDING (or the current state of a replayed request)')
  @ApiResponse({
    status: 400,
    description:
      'VALIDATION_FAILED (also for an Idempotency-Key of the reserved form autopayment:<uuid>), INVALID_IDEMPOTENCY_KEY (too long or outside its alphabet), IDEMPOTENCY_KEY_REQUIRED',
  })
  @ApiResponse({ status: 422, description: 'IDEMPOTENCY_KEY_REUSED' })
  async pay(
    @PaymentIdempotencyKey() key: string,
    @Body(new ZodPipe(paymentRequestSchema)) body: PaymentRequestBody,
    @Res({ passthrough: true }) res: Response,
  ) {
    return paymentView(acceptedPayment(await this.handler.handle(key, body), res));
  }
}
