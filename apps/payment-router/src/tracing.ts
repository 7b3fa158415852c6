// Imported first by main.ts: the SDK must be running before Nest, TypeORM and pg load.
import { startTracing } from '#telemetry';

startTracing('payment-router');
