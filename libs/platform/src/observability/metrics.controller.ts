import { Controller, Get, Header, Headers, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createHash, timingSafeEqual } from 'node:crypto';
import { register, Registry } from 'prom-client';
import { ApiError } from '../api-error.js';
import { OpenAccess } from '../auth/access.decorator.js';
import { METRICS_SETTINGS, type MetricsSettings } from './metrics-settings.js';

export const SERVICE_METRICS = Symbol('SERVICE_METRICS');

/**
 * `GET /metrics` in Prometheus' text format. Scraped by Prometheus, not called by partners or staff: not in the OpenAPI
 * document, and open to the access guard; with METRICS_TOKEN set (required in production) it answers only
 * `Authorization: Bearer <METRICS_TOKEN>`, which Prometheus sends (`authorization.credentials`).
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(METRICS_SETTINGS) private readonly settings: MetricsSettings,
    @Inject(SERVICE_METRICS) private readonly own: Registry,
  ) {}

  @OpenAccess()
  @Get()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', register.contentType)
  async scrape(@Headers('authorization') authorization: string | undefined): Promise<string> {
    if (this.settings.METRICS_TOKEN && !sameSecret(authorization ?? '', `Bearer ${this.settings.METRICS_TOKEN}`)) {
      throw new ApiError(
        401,
        'TOKEN_INVALID',
        'metrics are for the monitoring system: send Authorization: Bearer <METRICS_TOKEN>',
      );
    }
    return Registry.merge([register, this.own]).metrics();
  }
}

/** Compared as digests: equal length, constant time, whatever was sent. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
