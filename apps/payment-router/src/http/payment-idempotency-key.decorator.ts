import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { callerId, IDEMPOTENCY_KEY_HEADER, requireIdempotencyKey, type Caller } from '#platform';
import { AUTOPAYMENT_KEYS } from '../domain/autopayment-payment.js';

/**
 * The Idempotency-Key of a subscriber's payment request, paid directly or from a favorite (the same request): the
 * platform's rule, with the autopayment runs' keys reserved, and scoped to the partner that sent it
 * (`partner:<keyid>/<key>`): two partners' equal keys are two payments, and no partner reaches another's payment by
 * guessing its key.
 */
export const PaymentIdempotencyKey = createParamDecorator((_data: unknown, ctx: ExecutionContext) => {
  const req = ctx.switchToHttp().getRequest<Request & { caller?: Caller }>();
  const key = requireIdempotencyKey(req.header(IDEMPOTENCY_KEY_HEADER), AUTOPAYMENT_KEYS);
  if (!req.caller) throw new Error('a payment endpoint without an access rule');
  return `${callerId(req.caller)}/${key}`;
});
