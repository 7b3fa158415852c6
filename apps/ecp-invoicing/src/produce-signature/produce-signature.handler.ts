import { Inject, Injectable, Logger } from '@nestjs/common';
import { applyOnce, CONSUMER_DATA_SOURCE } from '#platform';
import { DataSource } from 'typeorm';
import type { EcpInvoicePaidV1, Envelope, PayloadOf } from '#contracts';
import { PermanentMessageError } from '#messaging';
import { decideSignatureProduction } from '../domain/invoice.js';
import { lockInvoice, toInvoiceState } from '../persistence/invoice-rows.js';
import type { ProductionOutcome } from '../domain/signature-producer.js';
import { countProduction } from '../observability/signature-metrics.js';
import { ProductionRunner } from '../certificates/production-runner.js';

const CONSUMER = 'ecp-invoicing.produce-signature';

/**
 * Produces the client's electronic signature once the invoice's payment is confirmed. One certificate per invoice,
 * however often the confirmation is delivered. A failure only staff can fix leaves the invoice PRODUCTION_FAILED
 * (the payment stands); anything else thrown is transient and the confirmation is retried with backoff.
 */
@Injectable()
export class ProduceSignatureHandler {
  private readonly logger = new Logger('ProduceSignature');

  constructor(
    @Inject(CONSUMER_DATA_SOURCE) private readonly db: DataSource,
    @Inject(ProductionRunner) private readonly runner: ProductionRunner,
  ) {}

  async handle(event: Envelope<PayloadOf<typeof EcpInvoicePaidV1>>): Promise<void> {
    const { paymentId, invoiceNumber } = event.payload;
    let production: ProductionOutcome | undefined;
    await applyOnce(this.db, CONSUMER, event, {
      apply: async ({ manager: tx }) => {
        const invoice = await lockInvoice(tx, invoiceNumber);
        const decision = decideSignatureProduction(invoice && toInvoiceState(invoice), paymentId);
        if (decision.kind === 'already-produced' || decision.kind === 'awaiting-staff') return;
        if (decision.kind === 'reject')
          throw new PermanentMessageError(decision.code, `invoice ${invoiceNumber}: ${decision.message}`);
        const outcome = await this.runner.run(tx, invoiceNumber, paymentId, event, `message:${event.messageId}`);
        if (outcome.kind === 'failed')
          this.logger.warn(
            `invoice ${invoiceNumber}: signature production failed (${outcome.code}): ${outcome.reason}; awaiting staff`,
          );
        production = outcome;
      },
    });
    countProduction(production);
  }
}
