import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ApiError } from '#platform';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_KEY_MAX_LENGTH = 200;

/** The required Idempotency-Key header: absent or empty is IDEMPOTENCY_KEY_REQUIRED, longer than 200 characters is invalid. */
export function requireIdempotencyKey(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ApiError(400, 'IDEMPOTENCY_KEY_REQUIRED', `a top-up needs an ${IDEMPOTENCY_KEY_HEADER} header, so that a retry cannot pay twice`);
  }
  if (value.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
    const message = `${IDEMPOTENCY_KEY_HEADER}: at most ${IDEMPOTENCY_KEY_MAX_LENGTH} characters`;
    throw new ApiError(400, 'VALIDATION_FAILED', message, { errors: [{ field: IDEMPOTENCY_KEY_HEADER, code: 'INVALID_IDEMPOTENCY_KEY', message }] });
  }
  return value;
}

/** The request's validated Idempotency-Key (Nest runs no pipes on @Headers, so the check lives here). */
export const IdempotencyKey = createParamDecorator((_data: unknown, ctx: ExecutionContext) =>
  requireIdempotencyKey(ctx.switchToHttp().getRequest<Request>().header(IDEMPOTENCY_KEY_HEADER)),
);
