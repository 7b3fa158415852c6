import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { parse as parseQueryString, type ParsedUrlQuery } from 'node:querystring';
import type { Duplex } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from './api-error.js';

/** application/json, or a JSON-based type such as application/merge-patch+json (RFC 6839's `+json` suffix). */
const JSON_MEDIA_TYPE = /^application\/(?:json|[a-z0-9!#$&^_.+-]+\+json)$/;

/** True when the request carries a body (an empty one, Content-Length: 0, carries none). */
function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** True when a Content-Type header names JSON; parameters such as `charset` are left to the body parser. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  return contentType !== undefined && JSON_MEDIA_TYPE.test(contentType.split(';')[0].trim().toLowerCase());
}

/**
 * Every body this platform's APIs take is JSON: a form-encoded, text or unlabelled body is refused with
 * 415 UNSUPPORTED_MEDIA_TYPE before anything reads it, rather than parsed some other way or ignored.
 */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  if (!hasBody(req) || isJsonMediaType(req.headers['content-type'])) return next();
  const given = req.headers['content-type'];
  next(
    new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      given
        ? `a request body must be JSON (application/json), not ${given.split(';')[0].trim()}`
        : 'a request body must be JSON: send Content-Type: application/json',
    ),
  );
}

/**
 * Options of the JSON body parser: the types `requireJsonBody` lets through, and a body that is not UTF-8 refused
 * as 400 MALFORMED_REQUEST rather than decoded with replacement characters, silently another text.
 */
/**
 * Path prefix → body limit (body-parser's syntax, e.g. '50mb') for the few routes whose JSON is a document (a day's
 * reconciliation register), not a request; every other route keeps body-parser's 100 kB.
 */
export type LargeJsonBodies = Record<string, string>;
export const LARGE_JSON_BODIES = Symbol('LARGE_JSON_BODIES');

export const jsonBodyParserOptions = {
  type: ['application/json', 'application/*+json'],
  verify: (req: IncomingMessage & { rawBody?: Buffer }, _res: unknown, body: Buffer, encoding: string | null) => {
    if ((encoding ?? 'utf-8') === 'utf-8' && !isUtf8(body)) {
      throw Object.assign(new Error('the request body is not valid UTF-8'), { status: 400, type: 'encoding.invalid' });
    }
    // The bytes as received: a partner's Content-Digest covers them (auth/partner-signature.ts).
    req.rawBody = body;
  },
};

/** Decodes a query key or value; a malformed percent-encoding stays as sent, to be judged as itself. */
function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Express's query parser, but a malformed percent-encoding (`%ED%A0%80`, a lone surrogate's bytes) is kept as sent:
 * Node's decoder would put U+FFFD in its place, silently another text.
 */
export function parseQuery(query: string): ParsedUrlQuery {
  return parseQueryString(query, '&', '=', { decodeURIComponent: decodeOrKeep });
}

const PROBLEMS: Record<number, { code: string; title: string; detail: string }> = {
  400: {
    code: 'MALFORMED_REQUEST',
    title: 'Bad Request',
    detail:
      'The request is not valid HTTP/1.1: a header holds a character HTTP does not allow (such as NUL), or the framing is broken.',
  },
  408: { code: 'REQUEST_TIMEOUT', title: 'Request Timeout', detail: 'The request did not arrive in time.' },
  431: {
    code: 'HEADERS_TOO_LARGE',
    title: 'Request Header Fields Too Large',
    detail: 'The request headers are too large.',
  },
};

/**
 * Node's HTTP parser refuses a request it cannot read (a NUL in a header value, broken framing) before any route
 * sees it, answering a bare 400; this answers it as problem+json like every other refusal, then closes the connection.
 */
export function answerUnreadableRequest(err: Error & { code?: string }, socket: Duplex): void {
  // Nothing can be written to a reset socket, nor into a response already under way on it.
  const responding =
    (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (err.code === 'ECONNRESET' || !socket.writable || responding) {
    socket.destroy();
    return;
  }
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const { code, title, detail } = PROBLEMS[status];
  const body = JSON.stringify({ type: `urn:dostek:problem:${code}`, title, status, code, detail });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
