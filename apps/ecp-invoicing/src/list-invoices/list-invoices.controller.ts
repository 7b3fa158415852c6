import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { formatSom } from '#money';
import { Access, ANY_STAFF, ApiResult, CLOCK, ZodPipe, type Clock } from '#platform';
import { amountDue, currentStatus } from '../domain/invoice.js';
import { listInvoices } from '../persistence/invoice-list.js';
import { toInvoiceState } from '../persistence/invoice-rows.js';
import { ApiStaffListQueries, staffListQueryShape } from '../staff-list.query.js';
import { invoicePageSchema, type InvoicePage } from './invoice-page.schema.js';

const listQuery = z.object({ ...staffListQueryShape, paymentId: z.uuid().optional() }).strict();

@ApiTags('ЭЦП invoices')
@Controller('v1/ecp/invoices')
export class ListInvoicesController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Access({ staff: ANY_STAFF })
  @Get()
  @ApiOperation({
    operationId: 'listInvoices',
    summary: 'ЭЦП invoices, newest first, by status, office or payment (staff)',
    description:
      'A page of invoices in short, newest issued first; `status` is the status now (an overdue unpaid invoice is EXPIRED).',
  })
  @ApiStaffListQueries()
  @ApiQuery({
    name: 'paymentId',
    required: false,
    schema: { type: 'string', format: 'uuid' },
    description: 'the invoice that payment paid',
  })
  @ApiResult(200, 'InvoicePage', invoicePageSchema, 'A page of invoices')
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (INVALID_STATUS, …)' })
  async list(@Query(new ZodPipe(listQuery)) q: z.infer<typeof listQuery>): Promise<InvoicePage> {
    const now = this.clock.now();
    const { rows, total } = await listInvoices(
      this.db,
      { statuses: q.status, office: q.office, paymentId: q.paymentId, page: q.page, pageSize: q.pageSize },
      now,
    );
    return {
      items: rows.map((r) => {
        const state = toInvoiceState(r);
        return {
          number: r.number,
          status: currentStatus(state, now),
          amount: formatSom(BigInt(r.amount)),
          amountDue: formatSom(amountDue(state, now)),
          clientName: r.client_name,
          inn: r.inn,
          office: r.office,
          productCode: r.product_code,
          registrationId: r.registration_id,
          issuedAt: new Date(r.issued_at).toISOString(),
          expiresAt: new Date(r.expires_at).toISOString(),
          paidAt: r.paid_at ? new Date(r.paid_at).toISOString() : null,
          paymentId: r.payment_id,
          detail: `/v1/ecp/invoices/${r.number}`,
        };
      }),
      page: q.page,
      pageSize: q.pageSize,
      total,
    };
  }
}
