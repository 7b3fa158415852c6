import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { bishkekDayStart, DAY_MS } from '#money';
import { Access, ANY_STAFF, ZodPipe } from '#platform';
import { ourRegister } from '../persistence/day-register.js';
import { reconciliationDayParam } from '../persistence/reconciliation-view.js';
import { ourRegisterCsv } from './our-register.csv.js';

@ApiTags('reconciliation')
@Controller('v1/reconciliation/days')
export class DownloadRegisterController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @Access({ staff: ANY_STAFF })
  @Get(':date/register')
  @ApiOperation({
    operationId: 'downloadDayRegister',
    summary: 'Our register of a Bishkek day: every payment that became final that day, as CSV (staff)',
    description:
      'Columns idempotency_key, payment_id, phone, service, account, amount (som, two decimals), status (COMPLETED, REJECTED, REFUNDED), final_at (ISO 8601 UTC); ordered by idempotency_key.',
  })
  @ApiParam({
    name: 'date',
    description: 'A Bishkek calendar day',
    schema: { type: 'string', format: 'date' },
    example: '2026-11-26',
  })
  @ApiProduces('text/csv')
  @ApiResponse({
    status: 200,
    description: 'The register, a header line first',
    schema: { type: 'string', example: 'idempotency_key,payment_id,phone,service,account,amount,status,final_at\r\n' },
  })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (INVALID_DATE)' })
  async download(
    @Param('date', new ZodPipe(reconciliationDayParam, 'date')) day: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const from = bishkekDayStart(day);
    res
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="dostek-register-${day}.csv"`);
    return ourRegisterCsv(await ourRegister(this.db, from, new Date(from.getTime() + DAY_MS)));
  }
}
