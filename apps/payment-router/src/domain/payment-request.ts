import { createHash } from 'node:crypto';
import type { Tyiyn } from '#money';
import type { PayableServiceCode } from './payable-service.js';

export interface PaymentRequest {
  phone: string;
  service: PayableServiceCode;
  account: string;
  amount: Tyiyn;
}

/** Identifies what was asked, so a retried Idempotency-Key can be told apart from a reused one ("150" and "150.00" are the same). */
export function fingerprint(request: PaymentRequest): string {
  return createHash('sha256')
    .update(`${request.phone}|${request.service}|${request.account}|${request.amount}`)
    .digest('hex');
}
