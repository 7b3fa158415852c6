import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Any GET outside /api and /health that is no file of the build is a screen of the single-page UI: its index.html. */
export function singlePageFallback(uiDir: string) {
  const index = join(uiDir, 'index.html');
  return (req: Request, res: Response, next: NextFunction) => {
    if (
      req.method !== 'GET' ||
      req.path.startsWith('/api/') ||
      req.path === '/api' ||
      req.path === '/health' ||
      /\.[a-z0-9]+$/i.test(req.path)
    )
      return next();
    if (!existsSync(index))
      return res.status(503).type('text/plain').send('The back office UI is not built: npm run build');
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  };
}
