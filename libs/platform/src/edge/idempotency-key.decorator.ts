import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ApiError } from '../api-error.js';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_KEY_MAX_LENGTH = 200;
/**
 * What a key may hold: a UUID, a ULID or `prefix:id` fit; a key a log line, a CSV cell or a header list could
 * misread (spaces, commas, quotes, slashes, control or non-ASCII characters) does not.
 */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]+$/;
/** The rule as the OpenAPI documents tell it. */
export const IDEMPOTENCY_KEY_RULE = `1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} characters of A-Z a-z 0-9 . _ : - (a UUID fits); otherwise 400 INVALID_IDEMPOTENCY_KEY`;

/** Keys a service keeps for itself (the router's `autopayment:<uuid>`): a client's request may not use one. */
export interface ReservedIdempotencyKeys {
  readonly test: (key: string) => boolean;
  /** Why, as the client is told. */
  readonly message: string;
}

/**
 * The one Idempotency-Key rule of every endpoint that takes one: absent or empty is 400 IDEMPOTENCY_KEY_REQUIRED;
 * longer than 200 characters or holding a character outside IDEMPOTENCY_KEY_PATTERN is 400 INVALID_IDEMPOTENCY_KEY;
 * reserved is 400 VALIDATION_FAILED. Both name the field `Idempotency-Key` in `errors`, as before, for clients that
 * read the field codes.
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
    throw refusedKey(
      'INVALID_IDEMPOTENCY_KEY',
      'INVALID_IDEMPOTENCY_KEY',
      `at most ${IDEMPOTENCY_KEY_MAX_LENGTH} characters`,
    );
  if (!IDEMPOTENCY_KEY_PATTERN.test(value))
    throw refusedKey('INVALID_IDEMPOTENCY_KEY', 'INVALID_IDEMPOTENCY_KEY', 'only the characters A-Z a-z 0-9 . _ : -');
  if (reserved?.test(value)) throw refusedKey('VALIDATION_FAILED', 'RESERVED_IDEMPOTENCY_KEY', reserved.message);
  return value;
}

function refusedKey(problem: string, code: string, message: string): ApiError {
  return new ApiError(400, problem, `${IDEMPOTENCY_KEY_HEADER}: ${message}`, {
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

/**
 * The one answer, everywhere, to an Idempotency-Key already used for another request (`what` says for what): a
 * controller throws it when its handler answers that the key was reused.
 */
export function idempotencyKeyReused(what: string): ApiError {
  return new ApiError(422, 'IDEMPOTENCY_KEY_REUSED', `this ${IDEMPOTENCY_KEY_HEADER} was already used for ${what}`);
}
