import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApiError, CLOCK, recordAudit, type Actor, type Clock } from '#platform';
import { csrProblem } from '../domain/product.js';
import { InvoiceIssuer, type IssuedInvoiceRecord } from '../persistence/invoice-issuer.js';
import { findProduct, type StoredProduct } from '../persistence/product-rows.js';
import type { RegisterClientRequest } from './register-client.request.js';

export interface Registration {
  id: string;
  createdAt: Date;
  product: StoredProduct;
  invoice: IssuedInvoiceRecord;
}

/**
 * Registers a new client for a product and issues the invoice for the product's price at this moment, in one
 * transaction (the invoice's amount never changes after, whatever happens to the price). The registration is the
 * only source of a certificate's subject, and a token key's CSR is bound to it here.
 */
@Injectable()
export class RegisterClientHandler {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(InvoiceIssuer) private readonly issuer: InvoiceIssuer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(request: RegisterClientRequest, actor: Actor): Promise<Registration> {
    return this.db.transaction(async (tx) => {
      // Shared lock: a price change waits for this registration, so the invoice has the price that was current.
      const product = await findProduct(tx, request.productCode, 'FOR SHARE');
      if (!product)
        throw validation(
          'productCode',
          'UNKNOWN_PRODUCT',
          `no product ${request.productCode}; see GET /v1/ecp/products`,
        );
      const problem = csrProblem(product, request.csr !== undefined);
      if (problem) throw validation('csr', problem.code, problem.message);
      const id = randomUUID();
      const createdAt = this.clock.now();
      await tx.query(
        `INSERT INTO registrations (id, office, organization_name, inn, signer_name, signer_role, phone, product_code, csr_pem, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          id,
          request.office,
          request.organizationName,
          request.inn,
          request.signerName,
          request.signerRole,
          request.phone,
          product.code,
          request.csr ?? null,
          createdAt,
        ],
      );
      const invoice = await this.issuer.issue(
        tx,
        {
          registrationId: id,
          clientName: request.organizationName,
          inn: request.inn,
          office: request.office,
          productCode: product.code,
          amount: product.price,
          cause: `registration:${id}`,
        },
        createdAt,
      );
      const { csr, ...registered } = request;
      await recordAudit(
        tx,
        actor,
        {
          action: 'ecp.client-registered',
          subject: `registration:${id}`,
          before: null,
          after: { ...registered, csrProvided: csr !== undefined, invoice: invoice.number },
        },
        createdAt,
      );
      return { id, createdAt, product, invoice };
    });
  }
}

function validation(field: string, code: string, message: string): ApiError {
  return new ApiError(400, 'VALIDATION_FAILED', `${field}: ${message}`, { errors: [{ field, code, message }] });
}
