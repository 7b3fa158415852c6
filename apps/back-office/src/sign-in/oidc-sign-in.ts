import { Inject, Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import { decodeJwt } from 'jose';
import { BACK_OFFICE_CONFIG, type BackOfficeConfig } from '../back-office.config.js';
import type { StaffSession } from '../session/staff-session.js';
import { z } from 'zod';

/** What the browser keeps (sealed) between the redirect to the provider and its return. */
/** The sign-in under way, as its cookie holds it; checked on the way back, as any value from the browser. */
export const pendingSignIn = z.object({ verifier: z.string().min(1), state: z.string().min(1) });
export type PendingSignIn = z.infer<typeof pendingSignIn>;

/**
 * Sign-in at the staff identity provider: OpenID Connect authorization code with PKCE (S256) and state, by
 * openid-client. The access token, a JWT with the `roles` claim for audience dostek-payments, is what the services
 * verify; the back office forwards it and reads its claims only to show the name and hide what a role may not do.
 */
@Injectable()
export class OidcSignIn {
  private configuration?: Promise<oidc.Configuration>;

  constructor(@Inject(BACK_OFFICE_CONFIG) private readonly config: BackOfficeConfig) {}

  get configured(): boolean {
    return Boolean(this.config.OIDC_ISSUER_URL && this.config.OIDC_CLIENT_ID && this.config.OIDC_REDIRECT_URL);
  }

  async start(): Promise<{ url: string; pending: PendingSignIn }> {
    const configuration = await this.discover();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.config.OIDC_REDIRECT_URL!,
      scope: this.config.OIDC_SCOPES,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    return { url: url.href, pending: { verifier, state } };
  }

  /** Exchanges the code the provider sent back (in `callbackUrl`) for the staff member's session. */
  async finish(callbackUrl: URL, pending: PendingSignIn): Promise<StaffSession> {
    const tokens = await oidc.authorizationCodeGrant(await this.discover(), callbackUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
    });
    const access = decodeJwt(tokens.access_token);
    const identity = tokens.claims();
    const name = (identity?.name ?? access.name) as string | undefined;
    return {
      token: tokens.access_token,
      subject: String(access.sub ?? identity?.sub),
      name: name ?? null,
      roles: Array.isArray(access.roles) ? access.roles.map(String) : [],
      expiresAt: access.exp ?? Math.floor(Date.now() / 1000) + (tokens.expires_in ?? 300),
    };
  }

  private discover(): Promise<oidc.Configuration> {
    this.configuration ??= oidc.discovery(
      new URL(this.config.OIDC_ISSUER_URL!),
      this.config.OIDC_CLIENT_ID!,
      this.config.OIDC_CLIENT_SECRET,
    );
    return this.configuration;
  }
}
