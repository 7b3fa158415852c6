import type { Office } from './invoice.js';

/** Everything an issuer needs to produce the client's electronic signature for a paid invoice. */
export interface SignatureOrder {
  readonly invoiceNumber: string;
  readonly paymentId: string;
  readonly clientName: string;
  readonly inn: string;
  readonly office: Office;
}

export interface ProducedSignature {
  readonly producedAt: Date;
}

/**
 * Produces the electronic signature for a paid invoice. An abstract class rather than an interface so that it is
 * also the dependency-injection token; the X.509 issuer replaces today's recorded step behind it.
 * Implementations must be idempotent per invoice number: the surrounding transaction can roll back after a
 * successful call (and the message is then retried).
 */
export abstract class SignatureProducer {
  abstract produce(order: SignatureOrder): Promise<ProducedSignature>;
}
