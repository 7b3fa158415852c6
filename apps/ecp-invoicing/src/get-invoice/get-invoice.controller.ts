import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ApiError, coded, ZodPipe } from '#platform';
import { formatSom } from '#money';
import { amountDue } from '../domain/invoice.js';
import { INVOICE_NUMBER_PATTERN } from '../domain/invoice-number.js';
import { findInvoice, toInvoiceState } from '../persistence/invoice-rows.js';

const numberParam = z.string().refine(...coded<string>('INVALID_INVOICE_NUMBER', 'an invoice number is 16 digits', (v) => INVOICE_NUMBER_PATTERN.test(v)));

const iso = (d: Date | null) => (d ? d.toISOString() : null);

@ApiTags('ЭЦП invoices')
@Controller('v1/ecp/invoices')
export class GetInvoiceController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The invoice, what is still due on it, its payment and signature production, and every status it went through. */
  @Get(':number')
  @ApiOperation({ summary: 'An ЭЦП invoice with its status history' })
  @ApiParam({ name: 'number', description: '16 digits', example: '4539578763621486' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (INVALID_INVOICE_NUMBER)' })
  @ApiResponse({ status: 404, description: 'INVOICE_NOT_FOUND' })
  async get(@Param('number', new ZodPipe(numberParam)) number: string) {
    const invoice = await findInvoice(this.db, number);
    if (!invoice) throw new ApiError(404, 'INVOICE_NOT_FOUND', `no invoice with number ${number}`);
    const [production] = await this.db.query(`SELECT started_at, produced_at FROM signature_productions WHERE invoice_number = $1`, [number]);
    const history = await this.db.query(`SELECT status, at, cause FROM invoice_transitions WHERE invoice_number = $1 ORDER BY at, id`, [number]);
    return {
      number: invoice.number,
      status: invoice.status,
      amount: formatSom(BigInt(invoice.amount)),
      amountDue: formatSom(amountDue(toInvoiceState(invoice))),
      clientName: invoice.client_name,
      inn: invoice.inn,
      office: invoice.office,
      issuedAt: iso(invoice.issued_at),
      paidAt: iso(invoice.paid_at),
      paymentId: invoice.payment_id,
      signatureProductionStartedAt: iso(production?.started_at ?? null),
      signatureProducedAt: iso(production?.produced_at ?? null),
      history: history.map((t: { status: string; at: Date; cause: string }) => ({ status: t.status, at: t.at.toISOString(), cause: t.cause })),
    };
  }
}
