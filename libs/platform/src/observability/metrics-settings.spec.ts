import { describe, expect, it } from '@jest/globals';
import { refuseOpenMetricsInProduction } from './metrics-settings.js';

describe('who may scrape /metrics', () => {
  it('refuses to start in production without METRICS_TOKEN', () => {
    expect(() => refuseOpenMetricsInProduction({ NODE_ENV: 'production' })).toThrow(/METRICS_TOKEN/);
  });

  it.each(['staging', ''])('holds NODE_ENV=%p to production', (mode) => {
    expect(() => refuseOpenMetricsInProduction({ NODE_ENV: mode })).toThrow(/METRICS_TOKEN/);
  });

  it('starts in production with a token, and in development with or without one', () => {
    expect(() =>
      refuseOpenMetricsInProduction({ NODE_ENV: 'production', METRICS_TOKEN: 'a-long-enough-token' }),
    ).not.toThrow();
    expect(() => refuseOpenMetricsInProduction({ NODE_ENV: 'development' })).not.toThrow();
  });
});
