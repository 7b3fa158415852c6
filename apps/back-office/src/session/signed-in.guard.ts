import { createParamDecorator, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ApiError } from '#platform';
import { crossSiteRefusal } from './csrf.js';
import { readCookie } from './session-cookie.js';
import { SessionSealer, type StaffSession } from './staff-session.js';

type WithStaff = Request & { staff?: StaffSession };

/** Admits a request with a live session (401 SESSION_MISSING otherwise) and, for a write, from the back office's own page. */
@Injectable()
export class SignedInGuard implements CanActivate {
  constructor(@Inject(SessionSealer) private readonly sealer: SessionSealer) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<WithStaff>();
    const session = await this.sealer.open(readCookie(req));
    if (!session) throw new ApiError(401, 'SESSION_MISSING', 'sign in first');
    const refusal = crossSiteRefusal(req);
    if (refusal) throw new ApiError(403, 'CROSS_SITE_REFUSED', refusal);
    req.staff = session;
    return true;
  }
}

/** The signed-in member of staff, set by SignedInGuard. */
export const Staff = createParamDecorator(
  (_: unknown, context: ExecutionContext): StaffSession => context.switchToHttp().getRequest<WithStaff>().staff!,
);
