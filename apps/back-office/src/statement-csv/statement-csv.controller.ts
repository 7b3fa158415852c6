import { Controller, Get, Header, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { ApiError, innField, ZodPipe } from '#platform';
import { statementCsv, type Statement } from './statement-csv.js';
import { ServiceApi } from '../services/service-api.js';
import { SignedInGuard, Staff } from '../session/signed-in.guard.js';
import type { StaffSession } from '../session/staff-session.js';

const period = z.object({
  from: z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/),
  to: z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/),
});

/** An organization's statement for a period as a CSV download, from sochi-balance's statement. */
@Controller('api/organizations')
@UseGuards(SignedInGuard)
export class StatementCsvController {
  constructor(private readonly services: ServiceApi) {}

  @Get(':inn/statement.csv')
  @Header('cache-control', 'no-store')
  async download(
    @Param('inn', new ZodPipe(innField, 'inn')) inn: string,
    @Query(new ZodPipe(period)) query: z.infer<typeof period>,
    @Staff() staff: StaffSession,
    @Res() res: Response,
  ): Promise<void> {
    const read = await this.services.read<Statement>(
      'sochi-balance',
      `/v1/sochi/organizations/${inn}/statement?from=${query.from}&to=${query.to}`,
      staff.token,
    );
    if (!read.ok)
      throw new ApiError(
        read.status === 404 ? 404 : read.status === 400 ? 400 : 502,
        read.problem.code ?? 'STATEMENT_UNAVAILABLE',
        read.problem.detail ?? 'no statement',
      );
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="statement-${inn}-${query.from}-${query.to}.csv"`);
    res.send(statementCsv(read.value));
  }
}
