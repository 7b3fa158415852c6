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
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiError } from '../api-error.js';
import { callerId, type Caller } from './callers.js';

/**
 * Requests per minute of each partner key and each member of staff, counted in Redis (rate-limiter-flexible), which
 * every instance of the service shares. Redis keeps nothing a payment depends on: when it cannot answer, the request
 * goes through (fail open) and a warning says so.
 */
export class CallerRateLimits implements OnModuleDestroy {
  private readonly logger = new Logger('RateLimit');
  private readonly redis: Redis;
  private readonly partner: RateLimiterRedis;
  private readonly staff: RateLimiterRedis;
  private lastWarning = 0;

  constructor(url: string, service: string, perMinute: { partner: number; staff: number }) {
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
      });
    this.partner = limiter('partner', perMinute.partner);
    this.staff = limiter('staff', perMinute.staff);
  }

  /** Counts one request of the caller; the seconds to wait when it is over its limit, else null. */
  async retryAfter(caller: Caller): Promise<number | null> {
    try {
      await (caller.kind === 'staff' ? this.staff : this.partner).consume(callerId(caller));
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
