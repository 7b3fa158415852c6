import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ApiError, CLOCK, ZodPipe, type Clock } from '#platform';
import { BACK_OFFICE_CONFIG, isProduction, type BackOfficeConfig } from '../back-office.config.js';
import { STAFF_ROLES } from '../domain/staff-permissions.js';
import { crossSiteRefusal } from '../session/csrf.js';
import { clearCookie, readCookie, setCookie } from '../session/session-cookie.js';
import { SessionSealer, type StaffSession } from '../session/staff-session.js';
import { developmentStaffToken } from './development-staff-token.js';
import { OidcSignIn, pendingSignIn } from './oidc-sign-in.js';

const PENDING_COOKIE = 'bo_oidc';
const PENDING_PATH = '/api/session/oidc';
const PENDING_LIFETIME_S = 600;

const developmentSignIn = z.object({
  name: z.string().trim().min(1).max(100),
  roles: z.array(z.enum(STAFF_ROLES)).min(1),
});

/** Signing in and out, and who is signed in. */
@Controller('api/session')
export class SignInController {
  private readonly secure: boolean;

  constructor(
    @Inject(BACK_OFFICE_CONFIG) private readonly config: BackOfficeConfig,
    private readonly sealer: SessionSealer,
    private readonly oidc: OidcSignIn,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.secure = isProduction(config);
  }

  /** Who is signed in (null when nobody), and which ways to sign in this back office offers. */
  @Get()
  async current(@Req() req: Request) {
    const session = await this.sealer.open(readCookie(req));
    return {
      staff: session && {
        subject: session.subject,
        name: session.name,
        roles: session.roles,
        expiresAt: new Date(session.expiresAt * 1000).toISOString(),
      },
      signIn: { development: !isProduction(this.config), oidc: this.oidc.configured },
    };
  }

  /** Outside production: sign in as anyone with any roles, by a token of the development staff issuer. */
  @Post('development')
  @HttpCode(204)
  async signInForDevelopment(
    @Body(new ZodPipe(developmentSignIn)) body: z.infer<typeof developmentSignIn>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    if (isProduction(this.config))
      throw new ApiError(404, 'DEVELOPMENT_SIGN_IN_OFF', 'production signs in only at the staff identity provider');
    this.refuseCrossSite(req);
    const { token, subject, expiresAt } = await developmentStaffToken(body.name, body.roles);
    await this.open(res, { token, subject, name: body.name, roles: [...body.roles], expiresAt });
    res.end();
  }

  @Get('oidc/start')
  async startOidc(@Res() res: Response) {
    if (!this.oidc.configured)
      throw new ApiError(404, 'OIDC_NOT_CONFIGURED', 'no staff identity provider is configured');
    const { url, pending } = await this.oidc.start();
    // Lax, not Strict: it must come back with the provider's cross-site redirect to the callback.
    const expiresAt = Math.floor(this.clock.now().getTime() / 1000) + PENDING_LIFETIME_S;
    const sealed = await this.sealer.sealPending({ ...pending }, expiresAt);
    setCookie(res, sealed, {
      secure: this.secure,
      expiresAt,
      name: PENDING_COOKIE,
      path: PENDING_PATH,
      sameSite: 'lax',
    });
    res.redirect(302, url);
  }

  @Get('oidc/callback')
  async finishOidc(@Req() req: Request, @Res() res: Response) {
    const pending = pendingSignIn.safeParse(await this.sealer.openPending(readCookie(req, PENDING_COOKIE))).data;
    if (!pending)
      throw new ApiError(400, 'SIGN_IN_EXPIRED', 'the sign-in took too long or was started elsewhere; sign in again');
    const session = await this.oidc
      .finish(new URL(req.originalUrl, this.config.OIDC_REDIRECT_URL), pending)
      .catch((e: Error) => {
        throw new ApiError(401, 'SIGN_IN_FAILED', e.message);
      });
    clearCookie(res, { secure: this.secure, name: PENDING_COOKIE, path: PENDING_PATH });
    await this.open(res, session);
    // A page, not a redirect: after the provider's cross-site redirect the browser would not send a Strict cookie yet.
    res
      .type('html')
      .send('<!doctype html><meta http-equiv="refresh" content="0;url=/"><a href="/">Назад в бэк-офис</a>');
  }

  @Delete()
  @HttpCode(204)
  signOut(@Req() req: Request, @Res() res: Response) {
    this.refuseCrossSite(req);
    clearCookie(res, { secure: this.secure });
    res.end();
  }

  private async open(res: Response, session: StaffSession): Promise<void> {
    const { value, expiresAt } = await this.sealer.seal(session);
    setCookie(res, value, { secure: this.secure, expiresAt });
  }

  private refuseCrossSite(req: Request): void {
    const refusal = crossSiteRefusal(req);
    if (refusal) throw new ApiError(403, 'CROSS_SITE_REFUSED', refusal);
  }
}
