import { IdempotencyKey } from '#platform';
import { AUTOPAYMENT_KEYS } from '../domain/autopayment-payment.js';

/**
 * The Idempotency-Key of a subscriber's payment request, paid directly or from a favorite (the same request): the
 * platform's rule, with the autopayment runs' keys reserved.
 */
export const PaymentIdempotencyKey = () => IdempotencyKey(AUTOPAYMENT_KEYS);
