import { Inject, Injectable } from '@nestjs/common';
import { applyOnce } from '#platform';
import { DataSource } from 'typeorm';
import { EcpSignatureProducedV1, type EcpInvoicePaidV1, type Envelope, type PayloadOf } from '#contracts';
import { Outbox, PermanentMessageError } from '#messaging';
import { decideSignatureProduction } from '../domain/invoice.js';
import { SignatureProducer } from '../domain/signature-producer.js';
import { lockInvoice, recordTransition, toInvoiceState } from '../persistence/invoice-rows.js';

const CONSUMER = 'ecp-invoicing.produce-signature';

/**
 * Produces the client's electronic signature once the invoice's payment is confirmed: records production started,
 * has the signature produced, marks the invoice SIGNATURE_PRODUCED. One production per invoice, however often the
 * confirmation is delivered.
 */
@Injectable()
export class ProduceSignatureHandler {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(SignatureProducer) private readonly producer: SignatureProducer,
  ) {}

  async handle(event: Envelope<PayloadOf<typeof EcpInvoicePaidV1>>): Promise<void> {
    const { paymentId, invoiceNumber } = event.payload;
    await applyOnce(this.db, CONSUMER, event, async (tx) => {
      const invoice = await lockInvoice(tx, invoiceNumber);
      const decision = decideSignatureProduction(invoice && toInvoiceState(invoice), paymentId);
      if (decision.kind === 'already-produced') return;
      if (decision.kind === 'reject') throw new PermanentMessageError(decision.code, `invoice ${invoiceNumber}: ${decision.message}`);
      const startedAt = new Date();
      await tx.query(`INSERT INTO signature_productions (invoice_number, payment_id, started_at) VALUES ($1, $2, $3)`, [
        invoiceNumber,
        paymentId,
        startedAt,
      ]);
      const { producedAt } = await this.producer.produce({
        invoiceNumber,
        paymentId,
        clientName: invoice!.client_name,
        inn: invoice!.inn,
        office: invoice!.office,
      });
      await tx.query(`UPDATE signature_productions SET produced_at = $2 WHERE invoice_number = $1`, [invoiceNumber, producedAt]);
      await tx.query(`UPDATE invoices SET status = 'SIGNATURE_PRODUCED' WHERE number = $1`, [invoiceNumber]);
      await recordTransition(tx, invoiceNumber, 'SIGNATURE_PRODUCED', producedAt, `message:${event.messageId}`);
      await this.outbox.append(tx, EcpSignatureProducedV1, { paymentId, invoiceNumber, producedAt: producedAt.toISOString() }, event);
    });
  }
}
