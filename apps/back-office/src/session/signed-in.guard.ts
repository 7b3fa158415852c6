import { createParamDecorator, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiError } from '#platform';
import { isProduction, BACK_OFFICE_CONFIG, type BackOfficeConfig } from '../back-office.config.js';
import { crossSiteRefusal } from './csrf.js';
import { readCookie, setCookie } from './session-cookie.js';
import { SessionSealer, type StaffSession } from './staff-session.js';

type WithStaff = Request & { staff?: StaffSession };

/**
 * Admits a request with a live session (401 SESSION_MISSING otherwise: no cookie, an altered or expired one, or one
 * that is not a session) and, for a write, from the back office's own page. Each admitted request renews the cookie,
 * so the session ends after the idle time without requests, and at the absolute lifetime in any case.
 */
@Injectable()
export class SignedInGuard implements CanActivate {
  private readonly secure: boolean;

  constructor(
    @Inject(SessionSealer) private readonly sealer: SessionSealer,
    @Inject(BACK_OFFICE_CONFIG) config: BackOfficeConfig,
  ) {
    this.secure = isProduction(config);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<WithStaff>();
    const session = await this.sealer.open(readCookie(req));
    if (!session) throw new ApiError(401, 'SESSION_MISSING', 'sign in first');
    const refusal = crossSiteRefusal(req);
    if (refusal) throw new ApiError(403, 'CROSS_SITE_REFUSED', refusal);
    const { value, expiresAt } = await this.sealer.seal(session);
    setCookie(context.switchToHttp().getResponse<Response>(), value, { secure: this.secure, expiresAt });
    const { token, subject, name, roles } = session;
    req.staff = { token, subject, name, roles, expiresAt: session.expiresAt };
    return true;
  }
}

/** The signed-in member of staff, set by SignedInGuard. */
export const Staff = createParamDecorator(
  (_: unknown, context: ExecutionContext): StaffSession => context.switchToHttp().getRequest<WithStaff>().staff!,
);
