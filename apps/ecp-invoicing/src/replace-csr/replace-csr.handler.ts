import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, recordAudit, type Actor, type Clock } from '#platform';
import { sha256Hex } from '../certificates/ca-material.js';
import { checkCsr } from '../certificates/csr.js';
import { invoiceNotFound, type EcpFailure } from '../domain/failures.js';
import type { ProductionOutcome } from '../domain/signature-producer.js';
import { decideCsrReplacement } from '../domain/signature-production.js';
import { countProduction } from '../observability/signature-metrics.js';
import { lockInvoice, toInvoiceState } from '../persistence/invoice-rows.js';
import { findProduct } from '../persistence/product-rows.js';
import { lockRegistrationOfInvoice } from '../persistence/registration-rows.js';
import { ProductionRunner } from '../certificates/production-runner.js';

/**
 * Staff repair a token key's failed production with a new CSR: checked completely first (a bad one is refused and
 * changes nothing), then kept on the registration and production runs again now, in the same transaction. Before
 * payment the CSR bound at registration is never replaced (CSR_NOT_REPLACEABLE), and whatever the new CSR says about
 * its subject, the certificate names the registration's client: only the public key is taken from it.
 */
@Injectable()
export class ReplaceCsrHandler {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(ProductionRunner) private readonly runner: ProductionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(number: string, csrPem: string, actor: Actor): Promise<void | EcpFailure> {
    const csr = await checkCsr(csrPem);
    if (!csr.ok) return { failure: 'invalid', field: 'csr', code: csr.code, message: csr.reason };
    let production: ProductionOutcome | undefined;
    const failure = await this.db.transaction(async (tx): Promise<EcpFailure | undefined> => {
      // The registration before the invoice: the order a re-issue takes them in, so that the two never deadlock.
      await lockRegistrationOfInvoice(tx, number);
      const invoice = await lockInvoice(tx, number);
      if (!invoice) return invoiceNotFound(number);
      const product = invoice.product_code ? await findProduct(tx, invoice.product_code) : undefined;
      const decision = decideCsrReplacement(toInvoiceState(invoice), product?.keyStorage ?? null, this.clock.now());
      if (decision.kind === 'refuse') {
        const { code, message, invoiceStatus } = decision;
        return { failure: 'invoice-state-refused', code, message, invoiceStatus };
      }
      await tx.query(`UPDATE registrations SET csr_pem = $2 WHERE id = $1`, [invoice.registration_id, csrPem]);
      await recordAudit(
        tx,
        actor,
        {
          action: 'ecp.csr-replaced',
          subject: `invoice:${number}`,
          before: { status: invoice.status },
          after: { registration: invoice.registration_id, publicKeySha256: sha256Hex(csr.publicKey.rawData) },
        },
        this.clock.now(),
      );
      const outcome = await this.runner.run(
        tx,
        number,
        invoice.payment_id!,
        { correlationId: invoice.payment_id! },
        'staff:new-csr',
      );
      if (outcome.kind === 'failed') {
        // The CSR passed the same checks a moment ago, so this cannot be the CSR's fault: roll back, let staff retry.
        throw new Error(`production failed after the CSR was checked (${outcome.code}): ${outcome.reason}`);
      }
      production = outcome;
    });
    if (failure) return failure;
    countProduction(production);
  }
}
