import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Access, ANY_STAFF, ApiError, OpenAccess, ZodPipe } from '#platform';
import { CertificateAuthority } from '../certificates/certificate-authority.js';
import { invoiceNumberParam } from '../get-invoice/invoice-number.param.js';
import { findInvoice } from '../persistence/invoice-rows.js';
import { findCertificatePem } from '../persistence/production-rows.js';

const PEM = 'application/x-pem-file';
const PEM_SCHEMA = {
  type: 'string',
  example: '-----BEGIN CERTIFICATE-----\nMIIB…\n-----END CERTIFICATE-----\n',
} as const;

@ApiTags('ЭЦП certificates')
@Controller('v1/ecp')
export class DownloadCertificateController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CertificateAuthority) private readonly ca: CertificateAuthority,
  ) {}

  @Access({ partners: ['ecp-registration'], staff: ANY_STAFF })
  @Get('invoices/:number/certificate')
  @ApiOperation({
    operationId: 'downloadCertificate',
    description:
      "The client's certificate, once produced (the private key of a cloud key never leaves the service this way).",
    summary: "The invoice's X.509 certificate, PEM",
  })
  @ApiParam({ name: 'number', description: '16 digits', example: '4539578763621486' })
  @ApiProduces(PEM)
  @ApiResponse({ status: 200, description: 'PEM certificate', schema: PEM_SCHEMA })
  @ApiResponse({
    status: 404,
    description: 'INVOICE_NOT_FOUND, CERTIFICATE_NOT_READY (not paid yet, production running or failed)',
  })
  async certificate(
    @Param('number', new ZodPipe(invoiceNumberParam)) number: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const pem = await findCertificatePem(this.db, number);
    if (!pem) {
      const invoice = await findInvoice(this.db, number);
      if (!invoice) throw new ApiError(404, 'INVOICE_NOT_FOUND', `no invoice with number ${number}`);
      throw new ApiError(
        404,
        'CERTIFICATE_NOT_READY',
        `invoice ${number} is ${invoice.status}: no certificate has been produced for it`,
        {
          invoiceStatus: invoice.status,
        },
      );
    }
    res.type(PEM).setHeader('Content-Disposition', `attachment; filename="ecp-${number}.pem"`);
    return pem;
  }

  @OpenAccess()
  @Get('ca')
  @ApiOperation({
    operationId: 'downloadCaCertificate',
    description: 'The Dos Tek CA certificate that signs every client certificate: what relying parties trust.',
    summary: 'The Dos Tek CA certificate, PEM',
  })
  @ApiProduces(PEM)
  @ApiResponse({ status: 200, description: 'PEM certificate', schema: PEM_SCHEMA })
  async caCertificate(@Res({ passthrough: true }) res: Response): Promise<string> {
    const pem = await this.ca.certificatePem();
    res.type(PEM).setHeader('Content-Disposition', 'attachment; filename="dostek-ecp-ca.pem"');
    return pem;
  }
}
