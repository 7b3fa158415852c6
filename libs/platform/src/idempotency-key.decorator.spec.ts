import { describe, expect, it } from '@jest/globals';
import { ApiError } from './api-error.js';
import { requireIdempotencyKey } from './idempotency-key.decorator.js';

const reserved = { test: (k: string) => k.startsWith('autopayment:'), message: 'reserved for autopayment runs' };

function refusal(value: unknown): { status: number; code: string; errors?: unknown } {
  try {
    requireIdempotencyKey(value, reserved);
  } catch (e) {
    if (e instanceof ApiError) return { status: e.status, code: e.code, errors: e.extra.errors };
  }
  throw new Error('not refused');
}

describe('requireIdempotencyKey: the one Idempotency-Key rule', () => {
  it('takes a key of 1 to 200 characters as it is', () => {
    expect(requireIdempotencyKey('k', reserved)).toBe('k');
    expect(requireIdempotencyKey('k'.repeat(200), reserved)).toBe('k'.repeat(200));
    expect(requireIdempotencyKey('autopayment:x')).toBe('autopayment:x');
  });

  it.each([undefined, ''])('answers a missing key (%j) IDEMPOTENCY_KEY_REQUIRED', (value) => {
    expect(refusal(value)).toEqual({ status: 400, code: 'IDEMPOTENCY_KEY_REQUIRED', errors: undefined });
  });

  it.each([
    ['too long', 'k'.repeat(201), 'INVALID_IDEMPOTENCY_KEY'],
    ['with a NUL', 'k\u0000', 'INVALID_CHARACTERS'],
    ['reserved', 'autopayment:1', 'RESERVED_IDEMPOTENCY_KEY'],
  ])('answers a key %s VALIDATION_FAILED naming the header', (_, value, code) => {
    expect(refusal(value)).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'Idempotency-Key', code, message: expect.any(String) }],
    });
  });
});
