import { afterEach, describe, expect, it } from '@jest/globals';
import { ApiError } from '../api-error.js';
import { AddressRateLimitGuard, CallerRateLimits } from './rate-limit.js';
import type { Caller } from './callers.js';

// Nothing listens on port 1: Redis cannot answer, as when it is down.
const UNREACHABLE = 'redis://127.0.0.1:1';
const staff: Caller = { kind: 'staff', subject: 'aigul', name: null, roles: ['billing'] };

describe('rate limits with Redis down', () => {
  let limits: CallerRateLimits;
  afterEach(() => limits.onModuleDestroy());

  it("still refuses a caller over its limit, counted in the instance's memory", async () => {
    limits = new CallerRateLimits(UNREACHABLE, 'test', { partner: 5, staff: 2, address: 100 });
    expect(await limits.retryAfter(staff)).toBeNull();
    expect(await limits.retryAfter(staff)).toBeNull();
    expect(await limits.retryAfter(staff)).toBeGreaterThanOrEqual(1);
  });

  it('refuses an address over its limit before authentication: 429 RATE_LIMITED with Retry-After', async () => {
    limits = new CallerRateLimits(UNREACHABLE, 'test', { partner: 5, staff: 5, address: 3 });
    const guard = new AddressRateLimitGuard(limits);
    const headers = new Map<string, string>();
    const context = (ip: string) =>
      ({
        getType: () => 'http',
        switchToHttp: () => ({
          getRequest: () => ({ ip }),
          getResponse: () => ({ setHeader: (k: string, v: string) => headers.set(k, v) }),
        }),
      }) as never;
    for (let i = 0; i < 3; i++) expect(await guard.canActivate(context('203.0.113.7'))).toBe(true);
    const refused = await guard.canActivate(context('203.0.113.7')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    // Another address has its own count.
    expect(await guard.canActivate(context('203.0.113.8'))).toBe(true);
  });
});
