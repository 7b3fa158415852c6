import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { throwError, type Observable } from 'rxjs';
import { failureClass } from '#messaging';
import { ApiError } from './api-error.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

const HTTP_CODES: Record<number, string> = {
  400: 'MALFORMED_REQUEST',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** Renders every HTTP error as RFC 9457 problem details with a stable `code` the MegaPay backend can branch on. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(error: unknown, host: ArgumentsHost): void | Observable<never> {
    // Event handlers: hand the original error back to the consumer, which decides between retry and parking.
    if (host.getType() !== 'http') return throwError(() => error);
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<{ originalUrl?: string }>();
    let status = 500;
    let code = 'INTERNAL_ERROR';
    let detail = 'An unexpected error occurred; nothing was changed by this request.';
    let extra: Record<string, unknown> = {};
    if (error instanceof ApiError) {
      ({ status, code, extra } = error);
      detail = error.message;
    } else if (error instanceof HttpException) {
      status = error.getStatus();
      code = HTTP_CODES[status] ?? `HTTP_${status}`;
      detail = status === 400 ? badRequestDetail(error) : error.message;
    } else if (['unavailable', 'contention'].includes(failureClass(error))) {
      // The database away, out of connections, or a lock/statement timeout: nothing was committed, and the same
      // request (with the same Idempotency-Key) may well succeed in a moment.
      status = 503;
      code = 'DEPENDENCY_UNAVAILABLE';
      detail =
        'The database is busy or unreachable; nothing was changed by this request. Send it again (with the same Idempotency-Key).';
      res.setHeader('Retry-After', '1');
      this.logger.warn(`${req.originalUrl}: answered 503, ${error instanceof Error ? error.message : String(error)}`);
    } else {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    res
      .status(status)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: `urn:dostek:problem:${code}`,
          title: TITLES[status] ?? 'Error',
          status,
          code,
          detail,
          instance: req.originalUrl,
          ...extra,
        }),
      );
  }
}

/** A 400 from Express or the body parser, in words: their own messages echo the input or parser internals. */
function badRequestDetail(error: HttpException): string {
  if (error.cause instanceof URIError) return 'The request URL is not valid percent-encoded UTF-8.';
  if ((error.cause as { type?: unknown } | undefined)?.type === 'encoding.invalid')
    return 'The request body is not valid UTF-8.';
  return 'The request body is not valid JSON.';
}
