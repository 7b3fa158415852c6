import { createHash } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';

/** The signed-in member of staff: the identity provider's token (forwarded to the services) and what it says. */
export interface StaffSession {
  token: string;
  subject: string;
  name: string | null;
  roles: string[];
  /** When the token expires (seconds since the epoch); the session ends with it. */
  expiresAt: number;
}

export const SESSION_COOKIE = 'bo_session';

/**
 * Seals a session into the cookie's value and opens it again (JWE, dir + A256GCM): the browser holds it but can neither
 * read the token nor change the roles, and no server-side store is needed, so any instance serves any request.
 */
export class SessionSealer {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = createHash('sha256').update(`back-office session:${secret}`).digest();
  }

  async seal(session: StaffSession): Promise<string> {
    return this.sealValue({ ...session }, session.expiresAt);
  }

  /** The session, or null when the value is absent, altered, sealed with another secret or expired. */
  async open(value: string | undefined): Promise<StaffSession | null> {
    const opened = await this.openValue<StaffSession>(value);
    if (!opened) return null;
    const { token, subject, name, roles, expiresAt } = opened;
    return { token, subject, name, roles, expiresAt };
  }

  /** Any small value the browser keeps for the BFF (the sign-in's PKCE verifier and state), until `expiresAt`. */
  async sealValue(value: Record<string, unknown>, expiresAt: number): Promise<string> {
    return new EncryptJWT(value)
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setExpirationTime(expiresAt)
      .encrypt(this.key);
  }

  async openValue<T>(value: string | undefined): Promise<T | null> {
    if (!value) return null;
    try {
      return (await jwtDecrypt(value, this.key)).payload as T;
    } catch {
      return null;
    }
  }
}
