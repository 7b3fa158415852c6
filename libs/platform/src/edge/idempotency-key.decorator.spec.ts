import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../api-error.js';
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

  it('takes every character of the alphabet A-Z a-z 0-9 . _ : -', () => {
    const key = 'AZaz09._:-' + '3f0c9a1e-7b2d-4c5e-9f10-2a3b4c5d6e7f';
    expect(requireIdempotencyKey(key, reserved)).toBe(key);
  });

  it.each([
    ['too long', 'k'.repeat(201)],
    ['with a NUL', 'k\u0000'],
    ['with a space', 'k 1'],
    ['with a slash', 'partner/k'],
    ['with a comma', 'a,b'],
    ['with a non-ASCII letter', 'ключ'],
    ['with a quote', 'k"'],
  ])('answers a key %s 400 INVALID_IDEMPOTENCY_KEY naming the header', (_, value) => {
    expect(refusal(value)).toEqual({
      status: 400,
      code: 'INVALID_IDEMPOTENCY_KEY',
      errors: [{ field: 'Idempotency-Key', code: 'INVALID_IDEMPOTENCY_KEY', message: expect.any(String) }],
    });
  });

  it('answers a reserved key VALIDATION_FAILED, RESERVED_IDEMPOTENCY_KEY naming the header', () => {
    expect(refusal('autopayment:1')).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'Idempotency-Key', code: 'RESERVED_IDEMPOTENCY_KEY', message: expect.any(String) }],
    });
  });
});
