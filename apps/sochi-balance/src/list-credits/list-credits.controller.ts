import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { formatSom } from '#money';
import { Access, ANY_STAFF, ApiResult, ZodPipe } from '#platform';
import { creditsOfPayment } from '../persistence/credit-rows.js';
import { creditListSchema, type CreditList } from './credit-list.schema.js';

const creditsQuery = z.object({ paymentId: z.uuid() }).strict();

@ApiTags('СОЧИ organizations')
@Controller('v1/sochi/credits')
export class ListCreditsController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @Access({ staff: ANY_STAFF })
  @Get()
  @ApiOperation({
    operationId: 'listPaymentCredits',
    summary: 'The СОЧИ credit a payment made (staff)',
    description: "The organization's ledger line for the payment: INN, amount, when, and the balance right after.",
  })
  @ApiQuery({ name: 'paymentId', required: true, schema: { type: 'string', format: 'uuid' } })
  @ApiResult(200, 'CreditList', creditListSchema, "The payment's credit, if it made one")
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (INVALID_PAYMENT_ID)' })
  async list(@Query(new ZodPipe(creditsQuery)) q: z.infer<typeof creditsQuery>): Promise<CreditList> {
    const credits = await creditsOfPayment(this.db, q.paymentId);
    return {
      items: credits.map((c) => ({
        inn: c.inn,
        organizationName: c.organizationName,
        paymentId: c.paymentId,
        amount: formatSom(c.amount),
        balanceAfter: formatSom(c.balanceAfter),
        payerPhone: c.payerPhone,
        creditedAt: c.creditedAt.toISOString(),
      })),
    };
  }
}
