import { Inject, Injectable } from '@nestjs/common';
import { applyOnce, CONSUMER_DATA_SOURCE, CLOCK, type Clock } from '#platform';
import { DataSource } from 'typeorm';
import {
  EcpInvoiceExpiredV1,
  EcpInvoicePaidV1,
  EcpInvoicePaymentRefusedV1,
  type EcpInvoicePaymentRequestedV1,
  type Envelope,
  type PayloadOf,
} from '#contracts';
import { Outbox, PermanentMessageError } from '#messaging';
import { tyiynFromWire, tyiynToWire } from '#money';
import { decidePayment } from '../domain/invoice.js';
import { lockInvoice, markExpired, recordTransition, toInvoiceState } from '../persistence/invoice-rows.js';

const CONSUMER = 'ecp-invoicing.pay-invoice';

/** Applies a debited wallet payment to its invoice (confirming it) or refuses it; exactly once per message and per payment. */
@Injectable()
export class PayInvoiceHandler {
  constructor(
    @Inject(CONSUMER_DATA_SOURCE) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(event: Envelope<PayloadOf<typeof EcpInvoicePaymentRequestedV1>>): Promise<void> {
    const { paymentId, invoiceNumber } = event.payload;
    const amount = tyiynFromWire(event.payload.amount);
    await applyOnce(this.db, CONSUMER, event, async (tx) => {
      const invoice = await lockInvoice(tx, invoiceNumber);
      const now = this.clock.now();
      const decision = decidePayment(invoice && toInvoiceState(invoice), { paymentId, amount }, now);
      const refuse = (reason: PayloadOf<typeof EcpInvoicePaymentRefusedV1>['reason'], amountDue: bigint | null) =>
        this.outbox.append(
          tx,
          EcpInvoicePaymentRefusedV1,
          {
            paymentId,
            invoiceNumber,
            reason,
            amountDue: amountDue === null ? null : tyiynToWire(amountDue),
            refusedAt: now.toISOString(),
          },
          event,
        );
      switch (decision.kind) {
        case 'already-paid-by-this-payment':
          return;
        case 'refuse':
          await refuse(decision.reason, decision.amountDue);
          return;
        case 'expire-and-refuse':
          // Nobody recorded the expiry yet (the periodic job runs every minute or so): this payment attempt does.
          await markExpired(tx, invoiceNumber, now, `expiry:payment:${paymentId}`);
          await this.outbox.append(
            tx,
            EcpInvoiceExpiredV1,
            { invoiceNumber, expiresAt: invoice!.expires_at.toISOString(), expiredAt: now.toISOString() },
            event,
          );
          await refuse(decision.reason, decision.amountDue);
          return;
        case 'pay': {
          // A payment id is the router's; reusing one for a second invoice is its bug, and no retry can fix it.
          const [elsewhere] = await tx.query(`SELECT number FROM invoices WHERE payment_id = $1`, [paymentId]);
          if (elsewhere)
            throw new PermanentMessageError(
              'PAYMENT_ALREADY_APPLIED',
              `payment ${paymentId} already paid invoice ${elsewhere.number}`,
            );
          await tx.query(`UPDATE invoices SET status = 'PAID', paid_at = $2, payment_id = $3 WHERE number = $1`, [
            invoiceNumber,
            now,
            paymentId,
          ]);
          await recordTransition(tx, invoiceNumber, 'PAID', now, `payment:${paymentId}`);
          await this.outbox.append(
            tx,
            EcpInvoicePaidV1,
            { paymentId, invoiceNumber, amount: tyiynToWire(decision.amount), paidAt: now.toISOString() },
            event,
          );
        }
      }
    });
  }
}
