import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access, ANY_STAFF, ApiResult, openApiSchema, ZodPipe } from '#platform';
import { paymentRequestSchema, type PaymentRequestBody } from '../http/payment-request.schema.js';
import { CheckPaymentHandler } from './check-payment.handler.js';
import { paymentCheckSchema } from './payment-check.schema.js';

@ApiTags('payments')
@Controller('v1/payments/check')
export class CheckPaymentController {
  constructor(@Inject(CheckPaymentHandler) private readonly handler: CheckPaymentHandler) {}

  @Access({ partners: ['payments'], staff: ANY_STAFF })
  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'checkPayment',
    description:
      "Whether the payment can be made now, the account holder's name and, for ЭЦП, the amount due. Changes nothing.",
    summary: 'Check a payment before paying: account holder, amount due, wallet cover',
  })
  @ApiBody({ schema: openApiSchema(paymentRequestSchema) })
  @ApiResult(200, 'PaymentCheck', paymentCheckSchema, 'Whether it would go through now; changes nothing')
  @ApiResponse({ status: 503, description: 'DEPENDENCY_UNAVAILABLE' })
  check(@Body(new ZodPipe(paymentRequestSchema)) body: PaymentRequestBody) {
    return this.handler.handle(body);
  }
}
