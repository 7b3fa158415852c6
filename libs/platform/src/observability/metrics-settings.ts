import { z } from 'zod';
import { describeMode, isDevelopmentMode } from '../auth/development-mode.js';

export const METRICS_SETTINGS = Symbol('METRICS_SETTINGS');

/** Who may scrape /metrics: with a token, only its bearer; without one (development only), anyone who reaches the port. */
export const metricsSettingsShape = {
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
};
export interface MetricsSettings {
  NODE_ENV: string;
  METRICS_TOKEN?: string;
}

/** Outside development and test, metrics are never served unauthenticated: the service refuses to start instead. */
export function refuseOpenMetricsInProduction(settings: MetricsSettings): void {
  if (!isDevelopmentMode(settings.NODE_ENV) && !settings.METRICS_TOKEN) {
    throw new Error(
      `refusing to start with ${describeMode(settings.NODE_ENV)} without METRICS_TOKEN: /metrics would be open to anyone who reaches the port`,
    );
  }
}
