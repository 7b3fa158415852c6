import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { tracer } from '#telemetry';

const UNTRACED = new Set(['/health', '/metrics']);

/**
 * A SERVER span per HTTP request, continuing the caller's `traceparent`, active for everything the request does (its
 * queries, the events its transaction appends, its calls to other services). The span is named after the route
 * (`POST /v1/payments/:id`), never the concrete path: names stay bounded and carry no phone or INN.
 */
export function traceHttpRequests(req: Request, res: Response, next: NextFunction): void {
  // Probes and scrapes, every few seconds: not traces anyone looks for.
  if (UNTRACED.has(req.path)) return next();
  const parent = propagation.extract(context.active(), req.headers);
  const span = tracer().startSpan(
    `${req.method}`,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } },
    parent,
  );
  const ctx = trace.setSpan(parent, span);
  res.once('finish', () => {
    const route = (req.route as { path?: string } | undefined)?.path;
    if (route) span.updateName(`${req.method} ${route}`);
    span.setAttributes({ 'http.route': route ?? '', 'http.response.status_code': res.statusCode });
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  // The body arrives in the socket's callbacks, outside this call: bound, its events run in the request's context.
  context.bind(ctx, req);
  context.bind(ctx, res);
  context.with(ctx, next);
}
