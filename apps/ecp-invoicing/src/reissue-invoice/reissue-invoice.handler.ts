import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EcpInvoiceExpiredV1 } from '#contracts';
import { Outbox } from '#messaging';
import { CLOCK, recordAudit, type Actor, type Clock } from '#platform';
import type { InvoiceStatus } from '../domain/invoice.js';
import { decideReissue } from '../domain/registration.js';
import { InvoiceIssuer, type IssuedInvoiceRecord } from '../persistence/invoice-issuer.js';
import { lockRegistrationInvoices, markExpired, toInvoiceState } from '../persistence/invoice-rows.js';
import { findProduct } from '../persistence/product-rows.js';
import { lockRegistration } from '../persistence/registration-rows.js';

export type ReissueResult =
  | { kind: 'issued'; invoice: IssuedInvoiceRecord }
  | { kind: 'registration-not-found' }
  | { kind: 'has-live-invoice'; invoiceNumber: string; invoiceStatus: InvoiceStatus };

/**
 * Billing staff issue a registration a new invoice, for its product at today's price, once the invoice it had expired
 * or was cancelled. The client, the signer and the key stay the registration's: a new invoice changes only what to pay.
 */
@Injectable()
export class ReissueInvoiceHandler {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(InvoiceIssuer) private readonly issuer: InvoiceIssuer,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(registrationId: string, actor: Actor): Promise<ReissueResult> {
    return this.db.transaction(async (tx): Promise<ReissueResult> => {
      // The registration's lock serializes its re-issues; its invoices' locks, a payment or cancellation of one of them.
      const registration = await lockRegistration(tx, registrationId);
      if (!registration) return { kind: 'registration-not-found' };
      const invoices = await lockRegistrationInvoices(tx, registrationId);
      // Shared lock: a price change waits for this invoice, so it has the price that was current. (The registration's
      // product exists: a foreign key.)
      const product = (await findProduct(tx, registration.product_code, 'FOR SHARE'))!;
      const now = this.clock.now();

      const decision = decideReissue(
        invoices.map((i) => ({ number: i.number, state: toInvoiceState(i) })),
        now,
      );
      if (decision.kind === 'refuse')
        return {
          kind: 'has-live-invoice',
          invoiceNumber: decision.invoiceNumber,
          invoiceStatus: decision.invoiceStatus,
        };

      for (const overdue of invoices.filter((i) => decision.expireFirst.includes(i.number))) {
        // Overdue, but the sweep has not reached it: recorded now, or it would still count as the live invoice.
        await markExpired(tx, overdue.number, now, 'expiry:reissue');
        await this.outbox.append(
          tx,
          EcpInvoiceExpiredV1,
          { invoiceNumber: overdue.number, expiresAt: overdue.expires_at.toISOString(), expiredAt: now.toISOString() },
          { correlationId: registrationId },
        );
      }
      const invoice = await this.issuer.issue(
        tx,
        {
          registrationId,
          clientName: registration.organization_name,
          inn: registration.inn,
          office: registration.office,
          productCode: registration.product_code,
          amount: product.price,
          cause: 'staff:reissue',
        },
        now,
      );
      await recordAudit(
        tx,
        actor,
        {
          action: 'ecp.invoice-reissued',
          subject: `registration:${registrationId}`,
          before: { invoices: invoices.map((i) => i.number) },
          after: { invoice: invoice.number, amount: product.price.toString() },
        },
        now,
      );
      return { kind: 'issued', invoice };
    });
  }
}
