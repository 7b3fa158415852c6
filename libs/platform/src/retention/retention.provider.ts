import type { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../clock.js';
import { platformRetentionRules, type PlatformRetentionWindows } from './platform-retention-rules.js';
import type { RetentionRule } from './retention-rule.js';
import { RetentionJob, type RetentionSettings } from './retention.job.js';

/** The service's retention job: the platform's tables, then the service's own rules. */
export function retentionJobProvider(
  settings: RetentionSettings & PlatformRetentionWindows,
  serviceRules: RetentionRule[] = [],
): Provider {
  return {
    provide: RetentionJob,
    inject: [DataSource, CLOCK],
    useFactory: (db: DataSource, clock: Clock) =>
      new RetentionJob(db, clock, settings, [...platformRetentionRules(settings), ...serviceRules]),
  };
}
