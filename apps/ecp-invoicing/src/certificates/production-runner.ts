import { Inject, Injectable } from '@nestjs/common';
import { EcpSignatureProducedV1, EcpSignatureProductionFailedV1 } from '#contracts';
import { Outbox, type Cause, type SqlExecutor } from '#messaging';
import { CLOCK, type Clock } from '#platform';
import { SignatureProducer, type ProductionOutcome } from '../domain/signature-producer.js';
import { keySourceFor } from '../domain/signature-production.js';
import { recordTransition } from '../persistence/invoice-rows.js';
import {
  productionFacts,
  recordProductionFailure,
  recordProductionStarted,
  storeCertificate,
} from '../persistence/production-rows.js';

/**
 * One production of a paid invoice's signature, inside the caller's transaction with the invoice locked: records the
 * start, has the certificate produced, then stores it and moves the invoice to SIGNATURE_PRODUCED, or records the
 * permanent failure and moves it to PRODUCTION_FAILED; either way the event goes to the outbox. Used by the payment
 * confirmation consumer and by staff replacing a CSR.
 */
@Injectable()
export class ProductionRunner {
  constructor(
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(SignatureProducer) private readonly producer: SignatureProducer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(
    tx: SqlExecutor,
    invoiceNumber: string,
    paymentId: string,
    cause: Cause,
    transitionCause: string,
  ): Promise<ProductionOutcome> {
    const startedAt = this.clock.now();
    await recordProductionStarted(tx, invoiceNumber, paymentId, startedAt);
    const facts = await productionFacts(tx, invoiceNumber);
    const keySource = keySourceFor(facts.keyStorage, facts.csrPem);
    const outcome: ProductionOutcome =
      keySource.kind === 'fail'
        ? { kind: 'failed', code: keySource.code, reason: keySource.reason }
        : await this.producer.produce(
            { invoiceNumber, paymentId, holder: facts.holder, keySource, validityMonths: facts.validityMonths },
            startedAt,
          );
    const at = this.clock.now();
    if (outcome.kind === 'produced') {
      await storeCertificate(tx, invoiceNumber, outcome.certificate, at);
      await tx.query(`UPDATE invoices SET status = 'SIGNATURE_PRODUCED' WHERE number = $1`, [invoiceNumber]);
      await recordTransition(tx, invoiceNumber, 'SIGNATURE_PRODUCED', at, transitionCause);
      await this.outbox.append(
        tx,
        EcpSignatureProducedV1,
        { paymentId, invoiceNumber, producedAt: at.toISOString() },
        cause,
      );
    } else {
      await recordProductionFailure(tx, invoiceNumber, outcome.code, outcome.reason, at);
      await tx.query(`UPDATE invoices SET status = 'PRODUCTION_FAILED' WHERE number = $1`, [invoiceNumber]);
      await recordTransition(tx, invoiceNumber, 'PRODUCTION_FAILED', at, `${transitionCause} ${outcome.code}`);
      await this.outbox.append(
        tx,
        EcpSignatureProductionFailedV1,
        {
          paymentId,
          invoiceNumber,
          code: outcome.code,
          reason: outcome.reason.slice(0, 2000),
          failedAt: at.toISOString(),
        },
        cause,
      );
    }
    return outcome;
  }
}
