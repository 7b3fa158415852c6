import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access, openApiSchema, ZodPipe } from '#platform';
import { formatSom } from '#money';
import { IssueInvoiceHandler } from './issue-invoice.handler.js';
import { issueInvoiceRequest, type IssueInvoiceRequest } from './issue-invoice.request.js';

@ApiTags('ЭЦП invoices')
@Controller('v1/ecp/invoices')
export class IssueInvoiceController {
  constructor(@Inject(IssueInvoiceHandler) private readonly handler: IssueInvoiceHandler) {}

  /** Issues the invoice a new client (registered in Osh, Jalal-Abad or online) pays for the ЭЦП from MegaPay. */
  @Access({ staff: ['billing'] })
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Issue an ЭЦП invoice by hand (any amount, no product) with a new 16-digit number' })
  @ApiBody({ schema: openApiSchema(issueInvoiceRequest) })
  @ApiResponse({ status: 201, description: 'Issued; the number is what the client enters in the wallet' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (field codes such as INVALID_AMOUNT, INVALID_INN)' })
  async issue(@Body(new ZodPipe(issueInvoiceRequest)) body: IssueInvoiceRequest) {
    const invoice = await this.handler.handle(body);
    return {
      number: invoice.number,
      status: 'ISSUED',
      amount: formatSom(invoice.amount),
      amountDue: formatSom(invoice.amount),
      clientName: invoice.clientName,
      inn: invoice.inn,
      office: invoice.office,
      issuedAt: invoice.issuedAt.toISOString(),
      expiresAt: invoice.expiresAt.toISOString(),
    };
  }
}
