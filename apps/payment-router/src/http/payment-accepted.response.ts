import type { Response } from 'express';
import { idempotencyKeyReused } from '#platform';
import type { RequestPaymentResult } from '../persistence/payment-intake.js';

/**
 * A payment request's result as HTTP, for the controllers that take one (paid directly or from a favorite): the
 * payment, with its Location and, for a replay, `Idempotent-Replayed`; or the problem of a reused key.
 */
export function acceptedPayment(result: RequestPaymentResult, res: Response): Record<string, any> {
  if (result.kind === 'key-reused') throw idempotencyKeyReused('a different payment request');
  res.setHeader('Location', `/v1/payments/${result.payment.id}`);
  if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return result.payment;
}
