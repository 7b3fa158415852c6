import { createHash } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import { z } from 'zod';
import type { Clock } from '#platform';

/** The signed-in member of staff: the identity provider's token (forwarded to the services) and what it says. */
export interface StaffSession {
  token: string;
  subject: string;
  name: string | null;
  roles: string[];
  /** When the token expires (seconds since the epoch); the session ends with it at the latest. */
  expiresAt: number;
}

/** A session as the cookie holds it: the staff member and when they signed in (the absolute lifetime counts from it). */
export interface SealedSession extends StaffSession {
  signedInAt: number;
}

export const SESSION_COOKIE = 'bo_session';

/** A session ends after this long without a request (the cookie is renewed by every signed-in request)... */
export const SESSION_IDLE_S = 30 * 60;
/** ...and this long after signing in, however busy: a stolen cookie is worth at most this long after sign-out. */
export const SESSION_ABSOLUTE_S = 8 * 60 * 60;

const sealedSession = z.object({
  token: z.string().min(1),
  subject: z.string().min(1),
  name: z.string().nullable(),
  roles: z.array(z.string()),
  expiresAt: z.number().int(),
  signedInAt: z.number().int(),
});

/** What a sealed value is for; each has its own key, so a value sealed for one purpose never opens as another. */
type Purpose = 'session' | 'oidc-pending';

/**
 * Seals a session into the cookie's value and opens it again (JWE, dir + A256GCM): the browser holds it but can neither
 * read the token nor change the roles, and no server-side store is needed, so any instance serves any request.
 * Sign-out clears the cookie but cannot revoke a copy: the short idle and absolute lifetimes bound what a copy is worth.
 */
export class SessionSealer {
  private readonly keys: Record<Purpose, Uint8Array>;

  constructor(
    secret: string,
    private readonly clock: Clock,
  ) {
    const key = (purpose: Purpose) => createHash('sha256').update(`back-office ${purpose}:${secret}`).digest();
    this.keys = { session: key('session'), 'oidc-pending': key('oidc-pending') };
  }

  private nowS(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  /** Seals a session, new (signed in now) or renewed; returns the value and when the cookie expires. */
  async seal(session: StaffSession & { signedInAt?: number }): Promise<{ value: string; expiresAt: number }> {
    const now = this.nowS();
    const signedInAt = session.signedInAt ?? now;
    const expiresAt = Math.min(now + SESSION_IDLE_S, signedInAt + SESSION_ABSOLUTE_S, session.expiresAt);
    const { token, subject, name, roles } = session;
    const payload = { token, subject, name, roles, expiresAt: session.expiresAt, signedInAt };
    return { value: await this.sealFor('session', payload, expiresAt), expiresAt };
  }

  /** The session, or null when the value is absent, altered, sealed with another secret or purpose, or expired. */
  async open(value: string | undefined): Promise<SealedSession | null> {
    const parsed = sealedSession.safeParse(await this.openFor('session', value));
    if (!parsed.success || parsed.data.signedInAt + SESSION_ABSOLUTE_S <= this.nowS()) return null;
    return parsed.data;
  }

  /** The sign-in's PKCE verifier and state, kept by the browser until `expiresAt`. */
  async sealPending(value: Record<string, unknown>, expiresAt: number): Promise<string> {
    return this.sealFor('oidc-pending', value, expiresAt);
  }

  async openPending(value: string | undefined): Promise<Record<string, unknown> | null> {
    return this.openFor('oidc-pending', value);
  }

  private async sealFor(purpose: Purpose, value: Record<string, unknown>, expiresAt: number): Promise<string> {
    return new EncryptJWT(value)
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setExpirationTime(expiresAt)
      .encrypt(this.keys[purpose]);
  }

  private async openFor(purpose: Purpose, value: string | undefined): Promise<Record<string, unknown> | null> {
    if (!value) return null;
    try {
      return (await jwtDecrypt(value, this.keys[purpose], { currentDate: this.clock.now() })).payload;
    } catch {
      return null;
    }
  }
}
