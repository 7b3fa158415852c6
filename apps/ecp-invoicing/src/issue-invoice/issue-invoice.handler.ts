import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tyiyn } from '#money';
import type { Office } from '../domain/invoice.js';
import { InvoiceIssuer } from './invoice-issuer.js';

export interface IssueInvoice {
  clientName: string;
  inn: string;
  office: Office;
  amount: Tyiyn;
}

export interface IssuedInvoice extends IssueInvoice {
  number: string;
  issuedAt: Date;
  expiresAt: Date;
}

/**
 * Issues an invoice by hand, for any amount and no product (special prices, and the seed and tests). Its signature
 * is a cloud key certified to the client name; a registration (`POST /v1/ecp/registrations`) is the usual way.
 */
@Injectable()
export class IssueInvoiceHandler {
  constructor(@Inject(DataSource) private readonly db: DataSource, @Inject(InvoiceIssuer) private readonly issuer: InvoiceIssuer) {}

  async handle(command: IssueInvoice): Promise<IssuedInvoice> {
    return this.db.transaction(async (tx) => {
      const issued = await this.issuer.issue(tx, { ...command, productCode: null, registrationId: null, cause: `office:${command.office}` });
      return { ...command, ...issued };
    });
  }
}
