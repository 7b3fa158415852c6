import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import { contextFromTraceparent, traceHeaders, tracer } from '#telemetry';

/** Where a message's trace goes next: the AMQP headers that carry the publish span's context to its consumer. */
export interface PublishTracing {
  headers: Record<string, string>;
  /** Ends the publish span: confirmed by the broker, or failed. */
  end(error?: unknown): void;
}

/** The attributes every hop records: bounded names, and the payment the message is about (a trace attribute, never a metric label). */
export function messageAttributes(routingKey: string, messageId: string, payload: unknown): Attributes {
  const paymentId = (payload as { paymentId?: unknown } | null)?.paymentId;
  return {
    'messaging.system': 'rabbitmq',
    'messaging.destination.name': routingKey,
    'messaging.message.id': messageId,
    ...(typeof paymentId === 'string' ? { 'payment.id': paymentId } : {}),
  };
}

/**
 * A PRODUCER span for one outbox row, child of the transaction that wrote it (its stored `traceparent`), even when the
 * relay publishing it runs in another process or after a crash. Untraced rows (no traceparent) start no trace.
 */
export function tracePublish(
  traceparent: string | null,
  routingKey: string,
  messageId: string,
  payload: unknown,
): PublishTracing {
  if (!traceparent) return { headers: {}, end: () => undefined };
  const parent = contextFromTraceparent(traceparent);
  const span = tracer().startSpan(
    `${routingKey} publish`,
    { kind: SpanKind.PRODUCER, attributes: messageAttributes(routingKey, messageId, payload) },
    parent,
  );
  return {
    headers: traceHeaders(trace.setSpan(parent, span)),
    end: (error) => endSpan(span, error),
  };
}

/**
 * Runs a received message's handling inside a CONSUMER span continuing the publisher's trace (the `traceparent`
 * header), so the handler's queries and the events it appends belong to the same trace.
 */
export function traceConsume<T>(
  headers: Record<string, unknown> | undefined,
  routingKey: string,
  attributes: Attributes,
  handle: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = contextFromTraceparent(headers?.traceparent, headers?.tracestate);
  const span = tracer().startSpan(`${routingKey} process`, { kind: SpanKind.CONSUMER, attributes }, parent);
  return context.with(trace.setSpan(parent, span), () => handle(span)).finally(() => span.end());
}

function endSpan(span: Span, error?: unknown): void {
  if (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
  }
  span.end();
}
