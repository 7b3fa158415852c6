import {
  Inject,
  Injectable,
  Logger,
  type CanActivate,
  type ExecutionContext,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Response } from 'express';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiError } from '../api-error.js';
import { callerId, type Caller } from './callers.js';

/** Requests per minute of each partner key, each member of staff and each client address. */
export interface RateLimitsPerMinute {
  partner: number;
  staff: number;
  address: number;
}

/**
 * Requests per minute of each partner key, each member of staff and (before authentication) each client address,
 * counted in Redis (rate-limiter-flexible), which every instance of the service shares. When Redis cannot answer, each
 * instance counts alone in memory (the insurance limiter) against the same limit: an instance does not know how many
 * siblings run, and a smaller share would refuse a partner whose traffic a balancer sends to one instance; so with
 * Redis down a caller may get up to the limit on each instance, never an unlimited flood.
 */
export class CallerRateLimits implements OnModuleDestroy {
  private readonly logger = new Logger('RateLimit');
  private readonly redis: Redis;
  private readonly partner: RateLimiterRedis;
  private readonly staff: RateLimiterRedis;
  private readonly address: RateLimiterRedis;
  private lastWarning = 0;

  constructor(url: string, service: string, perMinute: RateLimitsPerMinute) {
    this.redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1000,
    });
    this.redis.on('error', (e: Error) => this.warn(`Redis: ${e.message}`));
    void this.redis.connect().catch(() => undefined);
    const limiter = (who: string, points: number) =>
      new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `dostek:rate:${service}:${who}`,
        points,
        duration: 60,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: `memory:${who}`, points, duration: 60 }),
      });
    this.partner = limiter('partner', perMinute.partner);
    this.staff = limiter('staff', perMinute.staff);
    this.address = limiter('address', perMinute.address);
  }

  /** Counts one request of the caller; the seconds to wait when it is over its limit, else null. */
  retryAfter(caller: Caller): Promise<number | null> {
    return this.count(caller.kind === 'staff' ? this.staff : this.partner, callerId(caller));
  }

  /** Counts one request from a client address (authenticated or not); the seconds to wait when over, else null. */
  retryAfterFromAddress(address: string): Promise<number | null> {
    return this.count(this.address, address);
  }

  private async count(limiter: RateLimiterRedis, key: string): Promise<number | null> {
    try {
      await limiter.consume(key);
      return null;
    } catch (e) {
      if (e instanceof RateLimiterRes) return Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      this.warn(`a request was let through uncounted: ${(e as Error).message ?? e}`);
      return null;
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }

  private warn(message: string): void {
    if (Date.now() - this.lastWarning < 10_000) return;
    this.lastWarning = Date.now();
    this.logger.warn(message);
  }
}

/**
 * Refuses a client address over its limit before anyone is authenticated (a flood of unsigned or badly signed
 * requests costs a signature check each): 429 RATE_LIMITED with Retry-After. `req.ip` follows `trust proxy`.
 */
@Injectable()
export class AddressRateLimitGuard implements CanActivate {
  constructor(@Inject(CallerRateLimits) private readonly limits: CallerRateLimits) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const address = context.switchToHttp().getRequest<{ ip?: string }>().ip ?? 'unknown';
    const wait = await this.limits.retryAfterFromAddress(address);
    if (wait === null) return true;
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(wait));
    throw new ApiError(429, 'RATE_LIMITED', `too many requests from ${address}: try again in ${wait} s`);
  }
}

/** Refuses an authenticated caller over its limit: 429 RATE_LIMITED with Retry-After. Runs after the access guard. */
@Injectable()
export class CallerRateLimitGuard implements CanActivate {
  constructor(@Inject(CallerRateLimits) private readonly limits: CallerRateLimits) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const caller = context.switchToHttp().getRequest<{ caller?: Caller }>().caller;
    // Open endpoints (health, the CA certificate) have no caller and are not counted.
    if (!caller) return true;
    const wait = await this.limits.retryAfter(caller);
    if (wait === null) return true;
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(wait));
    throw new ApiError(429, 'RATE_LIMITED', `too many requests from ${callerId(caller)}: try again in ${wait} s`);
  }
}
