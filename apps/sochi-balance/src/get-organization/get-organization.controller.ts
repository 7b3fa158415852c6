import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Access, ANY_STAFF, ApiError, ApiResult, ZodPipe } from '#platform';
import { formatSom } from '#money';
import { INN_PATTERN } from '../domain/inn.js';
import { organizationSchema, type Organization } from './organization.schema.js';

const innParam = z.string().regex(INN_PATTERN, 'an INN is 14 digits');
const pageQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

@ApiTags('СОЧИ organizations')
@Controller('v1/sochi/organizations')
export class GetOrganizationController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @Access({ partners: ['sochi-reports', 'service-queries'], staff: ANY_STAFF })
  @Get(':inn')
  @ApiOperation({
    operationId: 'getOrganization',
    description: "The organization's СОЧИ balance, its newest credits and what reports awaiting payment need.",
    summary: 'Balance and credit history of an organization',
  })
  @ApiParam({ name: 'inn', example: '01234567890123' })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    description: 'How many of the newest credits',
  })
  @ApiResult(200, 'Organization', organizationSchema, 'The organization and its balance')
  @ApiResponse({ status: 404, description: 'ORGANIZATION_NOT_FOUND' })
  async get(
    @Param('inn', new ZodPipe(innParam, 'inn')) inn: string,
    @Query(new ZodPipe(pageQuery)) page: z.infer<typeof pageQuery>,
  ): Promise<Organization> {
    const [org] = await this.db.query(`SELECT inn, name, balance, created_at FROM organizations WHERE inn = $1`, [inn]);
    if (!org) throw new ApiError(404, 'ORGANIZATION_NOT_FOUND', `no organization with INN ${inn}`);
    const credits = await this.db.query(
      `SELECT payment_id, amount, balance_after, payer_phone, created_at FROM sochi_ledger WHERE inn = $1 AND kind = 'TOP_UP' ORDER BY id DESC LIMIT $2`,
      [inn, page.limit],
    );
    const [awaiting] = await this.db.query(
      `SELECT count(*)::int AS count, coalesce(sum(price), 0)::text AS total FROM report_charges WHERE inn = $1 AND status = 'AWAITING_PAYMENT'`,
      [inn],
    );
    return {
      inn: org.inn,
      name: org.name,
      balance: formatSom(BigInt(org.balance)),
      createdAt: org.created_at,
      awaitingPayment: { reports: awaiting.count, total: formatSom(BigInt(awaiting.total)) },
      credits: credits.map((c: Record<string, string>) => ({
        paymentId: c.payment_id,
        amount: formatSom(BigInt(c.amount)),
        balanceAfter: formatSom(BigInt(c.balance_after)),
        payerPhone: c.payer_phone,
        creditedAt: c.created_at,
      })),
    };
  }
}
