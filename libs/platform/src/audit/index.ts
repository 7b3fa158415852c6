export * from './audit-trail.js';
export * from './audit-trail.migration.js';
