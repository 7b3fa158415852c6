import { Inject, Injectable } from '@nestjs/common';
import { EcpInvoiceIssuedV1 } from '#contracts';
import { Outbox, type SqlExecutor } from '#messaging';
import { CLOCK, type Clock } from '#platform';
import { tyiynToWire, type Tyiyn } from '#money';
import { expiryOf, type Office } from '../domain/invoice.js';
import { allocateInvoiceNumber } from '../domain/invoice-number.js';
import { ECP_INVOICING_CONFIG, type EcpInvoicingConfig } from '../ecp-invoicing.config.js';
import { recordTransition } from './invoice-rows.js';

/** Every invoice is for a registration's product, at the product's price when issued; the client is the registration's. */
export interface InvoiceToIssue {
  registrationId: string;
  clientName: string;
  inn: string;
  office: Office;
  productCode: string;
  amount: Tyiyn;
  /** Why it was issued, for the ISSUED transition: `registration:<id>`, `staff:reissue`. */
  cause: string;
}

export interface IssuedInvoiceRecord {
  number: string;
  issuedAt: Date;
  expiresAt: Date;
}

/**
 * Issues an invoice inside the caller's transaction: a fresh unique Luhn-checked number, payable for
 * ECP_INVOICE_TTL_DAYS, its ISSUED transition and the `ecp.invoice-issued` event, together.
 */
@Injectable()
export class InvoiceIssuer {
  constructor(
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(ECP_INVOICING_CONFIG) private readonly config: EcpInvoicingConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async issue(
    tx: SqlExecutor,
    invoice: InvoiceToIssue,
    issuedAt: Date = this.clock.now(),
  ): Promise<IssuedInvoiceRecord> {
    const expiresAt = expiryOf(issuedAt, this.config.ECP_INVOICE_TTL_DAYS);
    const number = await allocateInvoiceNumber(async (candidate) => {
      const rows = await tx.query(
        `INSERT INTO invoices (number, client_name, inn, office, amount, issued_at, expires_at, product_code, registration_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (number) DO NOTHING RETURNING 1`,
        [
          candidate,
          invoice.clientName,
          invoice.inn,
          invoice.office,
          invoice.amount.toString(),
          issuedAt,
          expiresAt,
          invoice.productCode,
          invoice.registrationId,
        ],
      );
      return rows.length === 1;
    });
    await recordTransition(tx, number, 'ISSUED', issuedAt, invoice.cause);
    await this.outbox.append(
      tx,
      EcpInvoiceIssuedV1,
      {
        invoiceNumber: number,
        registrationId: invoice.registrationId,
        office: invoice.office,
        inn: invoice.inn,
        productCode: invoice.productCode,
        amount: tyiynToWire(invoice.amount),
        issuedAt: issuedAt.toISOString(),
        expiresAt: expiresAt.toISOString(),
      },
      { correlationId: invoice.registrationId },
    );
    return { number, issuedAt, expiresAt };
  }
}
