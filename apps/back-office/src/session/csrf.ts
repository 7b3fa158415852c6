import type { Request } from 'express';

/** The header the UI sends with every call; a cross-site form cannot, and a cross-site script would need CORS, which is never granted. */
export const CSRF_HEADER = 'x-back-office';

/**
 * A state-changing request is accepted only from the back office's own pages: the header above, and the browser's own
 * word (Sec-Fetch-Site, or else Origin) that the request is same-origin. The SameSite=Strict cookie is the first guard.
 */
export function crossSiteRefusal(req: Request): string | null {
  if (req.method === 'GET' || req.method === 'HEAD') return null;
  if (req.headers[CSRF_HEADER] !== '1') return `a write needs the ${CSRF_HEADER} header`;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `a ${site} request may not write`;
  const origin = req.headers.origin;
  if (site === undefined && origin !== undefined && origin !== `${req.protocol}://${req.headers.host}`)
    return `origin ${origin} may not write`;
  return null;
}
