import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { bishkekDayStart, bishkekWallClock, DAY_MS, formatSom, isCalendarDate } from '#money';
import { Access, ANY_STAFF, ApiResult, CLOCK, coded, ZodPipe, type Clock } from '#platform';
import { totalsPerHour, totalsPerServiceAndStatus } from '../persistence/payment-totals.js';
import { daySummarySchema, hourlyTotalsSchema, type DaySummary, type HourlyTotals } from './payment-totals.schema.js';

const summaryQuery = z.object({
  date: z
    .string()
    .refine(...coded<string>('INVALID_DATE', 'a Bishkek calendar day, YYYY-MM-DD', isCalendarDate))
    .optional(),
});
const perHourQuery = z.object({ hours: z.coerce.number().int().min(1).max(168).default(24) });

/** Totals for staff's home page: a Bishkek day's payments per service and status, and payments per hour. */
@ApiTags('payments')
@Controller('v1/payments')
export class PaymentTotalsController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Access({ staff: ANY_STAFF })
  @Get('summary')
  @ApiOperation({
    operationId: 'summarizePaymentsOfDay',
    summary: "A Bishkek day's payments per service and status (staff)",
    description:
      'Count and sum of the payments requested on the day (Asia/Bishkek), per service and their status now; the day defaults to today.',
  })
  @ApiQuery({ name: 'date', required: false, schema: { type: 'string', format: 'date' }, example: '2026-11-26' })
  @ApiResult(200, 'PaymentDaySummary', daySummarySchema, 'The day and its totals')
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (INVALID_DATE)' })
  async summary(@Query(new ZodPipe(summaryQuery)) q: z.infer<typeof summaryQuery>): Promise<DaySummary> {
    const date = q.date ?? bishkekWallClock(this.clock.now()).date;
    const from = bishkekDayStart(date);
    const totals = await totalsPerServiceAndStatus(this.db, from, new Date(from.getTime() + DAY_MS));
    return { date, totals: totals.map((t) => ({ ...t, amount: formatSom(t.amount) })) };
  }

  @Access({ staff: ANY_STAFF })
  @Get('per-hour')
  @ApiOperation({
    operationId: 'countPaymentsPerHour',
    summary: 'Payments per hour over the last hours (staff)',
    description:
      'Count and sum of the payments requested in each whole hour of the last `hours` (default 24), up to now.',
  })
  @ApiQuery({ name: 'hours', required: false, schema: { type: 'integer', minimum: 1, maximum: 168, default: 24 } })
  @ApiResult(200, 'PaymentsPerHour', hourlyTotalsSchema, 'One entry per hour, oldest first')
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED' })
  async perHour(@Query(new ZodPipe(perHourQuery)) q: z.infer<typeof perHourQuery>): Promise<HourlyTotals> {
    const hours = await totalsPerHour(this.db, q.hours, this.clock.now());
    return {
      hours: hours.map((h) => ({ hourStart: h.hourStart.toISOString(), count: h.count, amount: formatSom(h.amount) })),
    };
  }
}
