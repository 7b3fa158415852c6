import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { formatSom } from '#money';
import { Access, ANY_STAFF, ApiResult, CLOCK, ZodPipe, type Clock } from '#platform';
import { currentStatus } from '../domain/invoice.js';
import { listRegistrations } from '../persistence/registration-list.js';
import { ApiStaffListQueries, staffListQueryShape } from '../staff-list.query.js';
import { registrationPageSchema, type RegistrationPage } from './registration-page.schema.js';

const listQuery = z.object(staffListQueryShape).strict();

@ApiTags('ЭЦП registrations')
@Controller('v1/ecp/registrations')
export class ListRegistrationsController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Access({ staff: ANY_STAFF })
  @Get()
  @ApiOperation({
    operationId: 'listRegistrations',
    summary: 'ЭЦП registrations, newest first, by office and invoice status (staff)',
    description:
      "A page of registrations in short, newest first, each with its latest invoice; `status` filters on that invoice's status now.",
  })
  @ApiStaffListQueries()
  @ApiResult(200, 'RegistrationPage', registrationPageSchema, 'A page of registrations')
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (INVALID_STATUS, …)' })
  async list(@Query(new ZodPipe(listQuery)) q: z.infer<typeof listQuery>): Promise<RegistrationPage> {
    const now = this.clock.now();
    const { rows, total } = await listRegistrations(
      this.db,
      { statuses: q.status, office: q.office, page: q.page, pageSize: q.pageSize },
      now,
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        office: r.office,
        organizationName: r.organization_name,
        inn: r.inn,
        signerName: r.signer_name,
        phone: r.phone,
        productCode: r.product_code,
        createdAt: new Date(r.created_at).toISOString(),
        latestInvoice:
          r.number === null
            ? null
            : {
                number: r.number,
                status: currentStatus(
                  {
                    status: r.status!,
                    amount: BigInt(r.amount!),
                    paymentId: r.payment_id,
                    expiresAt: new Date(r.expires_at!),
                    registrationId: r.id,
                  },
                  now,
                ),
                amount: formatSom(BigInt(r.amount!)),
                issuedAt: new Date(r.issued_at!).toISOString(),
                paidAt: r.paid_at ? new Date(r.paid_at).toISOString() : null,
                paymentId: r.payment_id,
              },
        detail: `/v1/ecp/registrations/${r.id}`,
      })),
      page: q.page,
      pageSize: q.pageSize,
      total,
    };
  }
}
