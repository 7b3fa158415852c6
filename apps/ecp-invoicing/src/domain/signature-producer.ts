import type { CertificateHolder } from './certificate-profile.js';
import type { KeySource, ProductionFailureCode } from './signature-production.js';

/** Everything an issuer needs to produce the client's electronic signature for a paid invoice. */
export interface SignatureOrder {
  readonly invoiceNumber: string;
  readonly paymentId: string;
  readonly holder: CertificateHolder;
  readonly keySource: KeySource;
  readonly validityMonths: number;
}

/** A certificate as issued, with the cloud key's private key already sealed for storage (null for a CSR's key). */
export interface IssuedCertificate {
  readonly serialNumber: string;
  readonly subject: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly certificatePem: string;
  readonly keySource: 'CLOUD' | 'CSR';
  /** SHA-256 of the certified SubjectPublicKeyInfo (DER), hex: finds the certificate of a key. */
  readonly publicKeySha256: string;
  readonly sealedPrivateKey: { readonly ciphertext: Uint8Array; readonly keyId: string } | null;
}

export type ProductionOutcome =
  | { kind: 'produced'; certificate: IssuedCertificate }
  | { kind: 'failed'; code: ProductionFailureCode; reason: string };

/**
 * Produces the electronic signature for a paid invoice. An abstract class rather than an interface so that it is
 * also the dependency-injection token. A failure only a person can fix is an outcome (`failed`); anything thrown
 * is transient and the confirmation is retried. It stores nothing itself: the caller stores the outcome in its
 * transaction, so a rollback after a successful call leaves nothing behind and the retry issues afresh.
 */
export abstract class SignatureProducer {
  abstract produce(order: SignatureOrder, at: Date): Promise<ProductionOutcome>;
}
