import { parseCookie, stringifySetCookie } from 'cookie';
import type { Request, Response } from 'express';
import { SESSION_COOKIE } from './staff-session.js';

/** The session cookie's attributes: unreadable by scripts, sent only on same-site requests, HTTPS-only in production. */
function attributes(secure: boolean) {
  return { httpOnly: true, sameSite: 'strict' as const, secure, path: '/' };
}

export function readCookie(req: Request, name = SESSION_COOKIE): string | undefined {
  return parseCookie(req.headers.cookie ?? '')[name];
}

export function setCookie(
  res: Response,
  value: string,
  options: { secure: boolean; expiresAt?: number; name?: string; path?: string; sameSite?: 'strict' | 'lax' },
): void {
  const expires = options.expiresAt ? new Date(options.expiresAt * 1000) : undefined;
  const { name = SESSION_COOKIE, path, sameSite } = options;
  res.append(
    'Set-Cookie',
    stringifySetCookie({
      name,
      value,
      ...attributes(options.secure),
      ...(path ? { path } : {}),
      ...(sameSite ? { sameSite } : {}),
      expires,
    }),
  );
}

export function clearCookie(res: Response, options: { secure: boolean; name?: string; path?: string }): void {
  res.append(
    'Set-Cookie',
    stringifySetCookie({
      name: options.name ?? SESSION_COOKIE,
      value: '',
      ...attributes(options.secure),
      ...(options.path ? { path: options.path } : {}),
      expires: new Date(0),
    }),
  );
}
