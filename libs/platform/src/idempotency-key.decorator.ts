import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ApiError } from './api-error.js';
import { hasInvalidCharacters, INVALID_CHARACTERS, INVALID_CHARACTERS_MESSAGE } from './request-text.js';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_KEY_MAX_LENGTH = 200;

/** Keys a service keeps for itself (the router's `autopayment:<uuid>`): a client's request may not use one. */
export interface ReservedIdempotencyKeys {
  readonly test: (key: string) => boolean;
  /** Why, as the client is told. */
  readonly message: string;
}

/**
 * The one Idempotency-Key rule of every endpoint that takes one: absent or empty is 400 IDEMPOTENCY_KEY_REQUIRED;
 * longer than 200 characters, holding a character no text may (NUL), or reserved is 400 VALIDATION_FAILED naming
 * the field `Idempotency-Key`.
 */
export function requireIdempotencyKey(value: unknown, reserved?: ReservedIdempotencyKeys): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ApiError(
      400,
      'IDEMPOTENCY_KEY_REQUIRED',
      `send an ${IDEMPOTENCY_KEY_HEADER} header of 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} characters, so that a retry cannot apply the request twice`,
    );
  }
  if (value.length > IDEMPOTENCY_KEY_MAX_LENGTH)
    throw invalidKey('INVALID_IDEMPOTENCY_KEY', `at most ${IDEMPOTENCY_KEY_MAX_LENGTH} characters`);
  if (hasInvalidCharacters(value)) throw invalidKey(INVALID_CHARACTERS, INVALID_CHARACTERS_MESSAGE);
  if (reserved?.test(value)) throw invalidKey('RESERVED_IDEMPOTENCY_KEY', reserved.message);
  return value;
}

function invalidKey(code: string, message: string): ApiError {
  return new ApiError(400, 'VALIDATION_FAILED', `${IDEMPOTENCY_KEY_HEADER}: ${message}`, {
    errors: [{ field: IDEMPOTENCY_KEY_HEADER, code, message }],
  });
}

/**
 * The request's validated Idempotency-Key; pass the keys the service reserves, if any. Nest runs no pipes on
 * `@Headers`, so the rule is applied here, and nowhere else.
 */
export const IdempotencyKey = createParamDecorator(
  (reserved: ReservedIdempotencyKeys | undefined, ctx: ExecutionContext) =>
    requireIdempotencyKey(ctx.switchToHttp().getRequest<Request>().header(IDEMPOTENCY_KEY_HEADER), reserved),
);
