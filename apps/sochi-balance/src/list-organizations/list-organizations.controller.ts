import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { formatSom } from '#money';
import { Access, ANY_STAFF, ApiResult, ZodPipe } from '#platform';
import { listOrganizations } from '../persistence/organization-rows.js';
import { organizationPageSchema, type OrganizationPage } from './organization-page.schema.js';

const listQuery = z
  .object({
    inn: z
      .string()
      .regex(/^[0-9]{1,14}$/, 'an INN or its first digits')
      .optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

@ApiTags('СОЧИ organizations')
@Controller('v1/sochi/organizations')
export class ListOrganizationsController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @Access({ staff: ANY_STAFF })
  @Get()
  @ApiOperation({
    operationId: 'listOrganizations',
    summary: 'Organizations with their СОЧИ balances, by INN, paged (staff)',
    description: 'Ordered by INN; `inn` keeps those whose INN is or starts with the digits given.',
  })
  @ApiQuery({ name: 'inn', required: false, schema: { type: 'string', pattern: '^[0-9]{1,14}$' }, example: '0123' })
  @ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1, maximum: 10000, default: 1 } })
  @ApiQuery({ name: 'pageSize', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } })
  @ApiResult(200, 'OrganizationPage', organizationPageSchema, 'A page of organizations')
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED' })
  async list(@Query(new ZodPipe(listQuery)) q: z.infer<typeof listQuery>): Promise<OrganizationPage> {
    const { rows, total } = await listOrganizations(this.db, q.inn, q.page, q.pageSize);
    return {
      items: rows.map((o) => ({
        inn: o.inn,
        name: o.name,
        balance: formatSom(o.balance),
        createdAt: o.createdAt.toISOString(),
        awaitingPayment: { reports: o.awaitingReports, total: formatSom(o.awaitingTotal) },
        detail: `/v1/sochi/organizations/${o.inn}`,
      })),
      page: q.page,
      pageSize: q.pageSize,
      total,
    };
  }
}
