import { Injectable } from '@nestjs/common';
import { SignatureProducer, type ProducedSignature, type SignatureOrder } from '../domain/signature-producer.js';

/**
 * Today's production: the step is recorded (signature_productions) and completes at once. The X.509 issuer that
 * replaces it implements the same SignatureProducer and is bound in app.module.ts instead.
 */
@Injectable()
export class RecordedSignatureProducer extends SignatureProducer {
  async produce(_order: SignatureOrder): Promise<ProducedSignature> {
    return { producedAt: new Date() };
  }
}
