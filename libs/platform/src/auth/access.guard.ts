import {
  Inject,
  Injectable,
  Logger,
  type CanActivate,
  type ExecutionContext,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { ApiError } from '../api-error.js';
import { ACCESS_METADATA } from './access.decorator.js';
import type { AuthConfig } from './auth-config.js';
import type { AccessRule, Caller } from './callers.js';
import { NonceStore } from './nonce-store.js';
import { checkPartnerSignature } from './partner-signature.js';
import { StaffTokens } from './staff-tokens.js';

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

type AuthenticatedRequest = Request & { caller?: Caller; rawBody?: Buffer };

/** Finds who is calling: a staff bearer token, or else a partner's request signature (whose nonce is used up). */
@Injectable()
export class Authenticator implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Authenticator');
  private readonly nonces: NonceStore;
  private readonly staff: StaffTokens;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    @Inject(DataSource) db: DataSource,
  ) {
    this.nonces = new NonceStore(db, config.SIGNATURE_MAX_SKEW_S);
    this.staff = new StaffTokens(config);
  }

  onModuleInit(): void {
    this.timer = setInterval(
      () =>
        void this.nonces
          .forgetExpired()
          .catch((e: Error) => this.logger.warn(`forgetting old nonces failed: ${e.message}`)),
      60_000,
    );
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async authenticate(req: AuthenticatedRequest, rule: AccessRule): Promise<Caller> {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const [scheme, token] = authorization.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token)
        throw new ApiError(401, 'TOKEN_INVALID', 'Authorization must be "Bearer <staff token>"');
      const checked = await this.staff.check(token);
      if (!checked.ok) throw new ApiError(401, checked.code, checked.message);
      return checked.caller;
    }
    if (req.headers.signature === undefined && req.headers['signature-input'] === undefined && !rule.partners?.length) {
      throw new ApiError(
        401,
        'TOKEN_MISSING',
        'this endpoint is for Dos Tek staff: send Authorization: Bearer <staff token>',
      );
    }
    const checked = await checkPartnerSignature(
      {
        method: req.method,
        url: `${req.protocol}://${req.host}${req.originalUrl}`,
        headers: req.headers,
        body: req.rawBody,
      },
      this.config.PARTNER_KEYS,
      this.config.SIGNATURE_MAX_SKEW_S,
    );
    if (!checked.ok) throw new ApiError(401, checked.code, checked.message);
    if (!(await this.nonces.firstUse(checked.key.keyid, checked.nonce))) {
      throw new ApiError(401, 'NONCE_REUSED', "this signature's nonce was used already: sign every request anew");
    }
    return { kind: 'partner', keyId: checked.key.keyid, scopes: checked.key.scopes };
  }
}

/**
 * Admits a request only as its endpoint's rule says (@Access, @OpenAccess); an endpoint without a rule admits
 * nobody. The caller is left on the request for the handler (@CurrentCaller) and the audit trail.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(Authenticator) private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | 'open' | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (rule === 'open') return true;
    if (!rule) throw new ApiError(403, 'ENDPOINT_CLOSED', 'this endpoint admits no caller');
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const caller = await this.authenticator.authenticate(req, rule);
    req.caller = caller;
    if (caller.kind === 'partner') {
      if (!caller.scopes.some((s) => rule.partners?.includes(s))) {
        throw new ApiError(
          403,
          'SCOPE_FORBIDDEN',
          `partner key "${caller.keyId}" has none of the scopes this endpoint needs (${(rule.partners ?? []).join(', ') || 'staff only'})`,
        );
      }
    } else if (!caller.roles.some((r) => rule.staff?.includes(r))) {
      throw new ApiError(
        403,
        'ROLE_FORBIDDEN',
        `this endpoint needs one of the staff roles: ${(rule.staff ?? []).join(', ') || 'none (partners only)'}`,
      );
    }
    return true;
  }
}
