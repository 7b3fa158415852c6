import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EcpInvoiceExpiredV1 } from '#contracts';
import { Outbox } from '#messaging';
import { shouldExpire } from '../domain/invoice.js';
import { claimInvoicesDueToExpire, markExpired, toInvoiceState } from '../persistence/invoice-rows.js';

/** Invoices claimed per transaction: small enough to keep locks short, big enough to catch up quickly. */
export const EXPIRY_BATCH = 100;

/** Records EXPIRED for unpaid invoices past their time to live, a batch per transaction, each with its event. */
@Injectable()
export class ExpireInvoicesHandler {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  /** Expires one batch; returns how many invoices it claimed (fewer than the batch: nothing more is due now). */
  async expireBatch(now: Date, limit = EXPIRY_BATCH): Promise<number> {
    return this.db.transaction(async (tx) => {
      const due = await claimInvoicesDueToExpire(tx, now, limit);
      for (const invoice of due) {
        if (!shouldExpire(toInvoiceState(invoice), now)) continue;
        await markExpired(tx, invoice.number, now, 'expiry:sweep');
        await this.outbox.append(
          tx,
          EcpInvoiceExpiredV1,
          { invoiceNumber: invoice.number, expiresAt: invoice.expires_at.toISOString(), expiredAt: now.toISOString() },
          { correlationId: invoice.registration_id ?? invoice.number },
        );
      }
      return due.length;
    });
  }
}
