import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiError } from './api-error.js';
import type { Authenticator } from './auth/access.guard.js';
import { ANY_STAFF } from './auth/callers.js';

/** How many large bodies one instance reads at once: each may hold tens of MB in memory while it is parsed. */
export const LARGE_UPLOADS_AT_ONCE = 2;

/**
 * Ahead of a large body's parser: `admit` must accept the caller (throwing the refusal otherwise), and at most
 * LARGE_UPLOADS_AT_ONCE such bodies are read at once, else 503 UPLOADS_BUSY with Retry-After. A refused request is
 * answered with `Connection: close` before a byte of its body is read, so an anonymous upload costs nothing. The
 * route's guards still judge it after the body is parsed.
 */
export function uploadsAdmitted(
  admit: (req: Request) => Promise<void>,
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
    admit(req).then(() => {
      if (reading >= LARGE_UPLOADS_AT_ONCE) {
        res.setHeader('Retry-After', '5');
        return refuseUnread(new ApiError(503, 'UPLOADS_BUSY', 'other uploads are being read: try again in 5 s'));
      }
      reading += 1;
      res.once('close', () => (reading -= 1));
      next();
    }, refuseUnread);
  };
}

/** The services' large routes are staff's documents: a staff token, checked before the body is read. */
export function staffUploadsOnly(
  authenticator: Authenticator,
  refuse: (e: unknown, req: Request, res: Response) => void,
): RequestHandler {
  return uploadsAdmitted(async (req) => {
    const caller = await authenticator.authenticate(req, { staff: ANY_STAFF });
    if (caller.kind !== 'staff') throw new ApiError(403, 'SCOPE_FORBIDDEN', 'this upload is for staff');
  }, refuse);
}
