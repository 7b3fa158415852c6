export * from './idempotency-key.decorator.js';
export * from './identifiers.js';
export * from './som-amount.js';
export * from './json-gateway.js';
export * from './periodic-job.js';
export * from './failure.js';
export * from './csv.js';
