export * from './metrics-settings.js';
export * from './observability.module.js';
export * from './http-tracing.js';
export { SERVICE_METRICS } from './metrics.controller.js';
