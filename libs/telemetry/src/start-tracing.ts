import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** Where spans go: OTLP/HTTP, when an endpoint is configured (the standard OTEL_* variables). */
export function tracingEndpoint(env: Record<string, string | undefined> = process.env): string | undefined {
  if (env.OTEL_SDK_DISABLED === 'true') return undefined;
  return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined;
}

let provider: NodeTracerProvider | undefined;

/**
 * Starts the OpenTelemetry SDK for one service, before Nest and TypeORM load: W3C trace context, spans batched and
 * exported over OTLP/HTTP. Without an endpoint nothing is registered, so the API stays a no-op and costs nothing.
 *
 * `pg` (loaded by TypeORM with `require`, so hooked by the instrumentation's require hook even under ESM) and
 * `fetch` (undici's diagnostics channels) are instrumented; HTTP server spans and the broker hops are the platform's
 * and the messaging library's own spans (an ESM app would need a loader hook for the http instrumentation).
 */
export function startTracing(service: string, env: Record<string, string | undefined> = process.env): boolean {
  const endpoint = tracingEndpoint(env);
  if (!endpoint || provider) return !!provider;
  // The exporter reads OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT itself: the generic one gets /v1/traces appended.
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'service.namespace': 'dostek' }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // Only inside a request's or a message's span: the relay's polls and the pool's pings are not traces.
      new PgInstrumentation({ requireParentSpan: true }),
      new UndiciInstrumentation({ requireParentforSpans: true }),
    ],
  });
  const flush = () => void provider?.shutdown().catch(() => undefined);
  process.once('beforeExit', flush);
  return true;
}

/** Exports the spans still buffered (at shutdown: Nest's hooks call it so that a stopped service loses none). */
export async function flushTraces(): Promise<void> {
  await provider?.forceFlush().catch(() => undefined);
}

/** The tracer of this codebase's own spans (HTTP server, outbox relay, inbox consumer). */
export const tracer = () => trace.getTracer('dostek');
