import { randomUUID } from 'node:crypto';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import type { Options } from 'pino-http';

/** A phone (996 and nine digits) standing alone among the digits around it, so no part of an INN or invoice number. */
const PHONE = /(?<![0-9])(996[0-9]{3})[0-9]{4}([0-9]{2})(?![0-9])/g;

/** `996555000001` → `996555****01`: enough to tell wallets apart in a log, not enough to call one. */
export function maskPhones(text: string): string {
  return text.replace(PHONE, '$1****$2');
}

function maskTexts(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPhones(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskTexts(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskTexts(v, depth + 1)]));
}

/** The span a log line was written in, so that a trace viewer and the logs join on `trace_id` (none when untraced). */
export function traceFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan()?.spanContext();
  return span && isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};
}

/** Request headers that carry credentials or signatures: never written to a log, not even as a placeholder. */
export const UNLOGGED_HEADERS = ['authorization', 'cookie', 'signature', 'signature-input'] as const;

interface SerializedRequest {
  url?: string;
  query?: unknown;
  params?: unknown;
  [key: string]: unknown;
}

/**
 * How every service logs its HTTP requests (pino-http): phones masked wherever the URL, path parameters or query
 * appear, credential headers removed, 5xx as errors, 4xx as info, the rest as debug, /health not at all.
 */
export function httpLoggerOptions(service: string, level: string): Options {
  return {
    level,
    name: service,
    mixin: traceFields,
    // A phone in a message (a consumer's warning naming an account, an error's text) is masked like one in a URL.
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? maskPhones(a) : a)) as Parameters<typeof method>);
      },
    },
    // One id per request across instances: the caller's X-Request-Id, else a new one (the audit trail records it).
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    autoLogging: { ignore: (req) => req.url === '/health' },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug',
    serializers: {
      // Given pino's own serialization of the request; its query and params are the request's, so copied, not changed.
      req: (req: SerializedRequest) => ({
        ...req,
        ...(typeof req.url === 'string' ? { url: maskPhones(req.url) } : {}),
        ...(req.query !== undefined ? { query: maskTexts(req.query) } : {}),
        ...(req.params !== undefined ? { params: maskTexts(req.params) } : {}),
      }),
    },
    redact: {
      paths: [...UNLOGGED_HEADERS.map((h) => `req.headers["${h}"]`), 'res.headers["set-cookie"]'],
      remove: true,
    },
  };
}
