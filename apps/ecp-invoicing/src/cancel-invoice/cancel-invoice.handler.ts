import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EcpInvoiceCancelledV1 } from '#contracts';
import { Outbox } from '#messaging';
import { ApiError, CLOCK, recordAudit, type Actor, type Clock } from '#platform';
import { decideCancellation } from '../domain/invoice.js';
import { lockInvoice, recordTransition, toInvoiceState } from '../persistence/invoice-rows.js';

/** Staff cancel an unpaid invoice; a payment arriving for it later is refused (INVOICE_CANCELLED) and refunded. */
@Injectable()
export class CancelInvoiceHandler {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(number: string, reason: string, actor: Actor): Promise<void> {
    await this.db.transaction(async (tx) => {
      const invoice = await lockInvoice(tx, number);
      if (!invoice) throw new ApiError(404, 'INVOICE_NOT_FOUND', `no invoice with number ${number}`);
      const now = this.clock.now();
      const decision = decideCancellation(toInvoiceState(invoice), now);
      if (decision.kind === 'refuse') {
        throw new ApiError(
          409,
          decision.code,
          `invoice ${number} is ${decision.status}: only an unpaid, unexpired invoice can be cancelled`,
          {
            invoiceStatus: decision.status,
          },
        );
      }
      await tx.query(
        `UPDATE invoices SET status = 'CANCELLED', cancelled_at = $2, cancellation_reason = $3 WHERE number = $1`,
        [number, now, reason],
      );
      await recordTransition(tx, number, 'CANCELLED', now, `staff:${reason}`);
      await recordAudit(
        tx,
        actor,
        {
          action: 'ecp.invoice-cancelled',
          subject: `invoice:${number}`,
          before: { status: invoice.status },
          after: { status: 'CANCELLED', reason },
        },
        now,
      );
      await this.outbox.append(
        tx,
        EcpInvoiceCancelledV1,
        { invoiceNumber: number, reason, cancelledAt: now.toISOString() },
        { correlationId: invoice.registration_id ?? number },
      );
    });
  }
}
