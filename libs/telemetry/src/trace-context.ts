import { context, propagation, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';

/** The W3C `traceparent` of the active span, to store beside an outbox row; null when nothing is traced. */
export function currentTraceparent(): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}

/** The context a stored or received `traceparent` (and `tracestate`) continues; the root context without one. */
export function contextFromTraceparent(traceparent: unknown, tracestate?: unknown): Context {
  if (typeof traceparent !== 'string' || traceparent === '') return ROOT_CONTEXT;
  const carrier: Record<string, string> = { traceparent };
  if (typeof tracestate === 'string' && tracestate !== '') carrier.tracestate = tracestate;
  return propagation.extract(ROOT_CONTEXT, carrier);
}

/** The headers (`traceparent`, `tracestate`) that carry a context to the next process. */
export function traceHeaders(ctx: Context): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/** Records what the current span is about (a payment id, an outcome): a trace attribute, never a metric label. */
export function annotateTrace(attributes: Record<string, string | number | boolean>): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}
