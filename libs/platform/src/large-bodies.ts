import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiError } from './api-error.js';
import type { Authenticator } from './auth/access.guard.js';
import { ANY_STAFF } from './auth/callers.js';

/** How many large bodies one instance reads at once: each may hold tens of MB in memory while it is parsed. */
export const LARGE_UPLOADS_AT_ONCE = 2;

/**
 * Ahead of a large body's parser: the caller must hold a staff token (the large routes are staff's documents), and at
 * most LARGE_UPLOADS_AT_ONCE such bodies are read at once, else 503 UPLOADS_BUSY with Retry-After. A refused request
 * is answered with `Connection: close` before a byte of its body is read, so an anonymous upload costs nothing. The
 * access guard still judges the route's roles after the body is parsed.
 */
export function staffUploadsOnly(
  authenticator: Authenticator,
  refuse: (e: unknown, req: Request, res: Response) => void,
): RequestHandler {
  let reading = 0;
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.headers['transfer-encoding'] === undefined && Number(req.headers['content-length'] ?? 0) === 0) {
      return next();
    }
    const refuseUnread = (e: unknown) => {
      res.setHeader('Connection', 'close');
      refuse(e, req, res);
    };
    authenticator.authenticate(req, { staff: ANY_STAFF }).then(
      (caller) => {
        if (caller.kind !== 'staff') {
          return refuseUnread(new ApiError(403, 'SCOPE_FORBIDDEN', 'this upload is for staff'));
        }
        if (reading >= LARGE_UPLOADS_AT_ONCE) {
          res.setHeader('Retry-After', '5');
          return refuseUnread(new ApiError(503, 'UPLOADS_BUSY', 'other uploads are being read: try again in 5 s'));
        }
        reading += 1;
        res.once('close', () => (reading -= 1));
        next();
      },
      (e: unknown) => refuseUnread(e),
    );
  };
}
