export * from './retention-config.js';
export * from './retention-rule.js';
export * from './platform-retention-rules.js';
export * from './retention.job.js';
export * from './retention.provider.js';
export * from './retention-indexes.migration.js';
