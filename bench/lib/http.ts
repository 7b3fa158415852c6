import http from 'node:http';
import { DEVELOPMENT_PARTNER, signedHeaders } from '#platform';

/** One keep-alive agent for the whole benchmark: connections are reused, so each request costs no TCP handshake. */
// Idle sockets are dropped after 3 s, before the services' keep-alive timeout (5 s) can close one under a request.
const agent = new http.Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 512, timeout: 3000 });

export interface Reply {
  status: number;
  body: any;
}

const PARTNER = { keyid: DEVELOPMENT_PARTNER.keyid, secret: DEVELOPMENT_PARTNER.secret };

/** JSON over HTTP with node's own client (lighter than fetch for the load generator's CPU), signed as the development partner. */
export async function request(
  url: string,
  method: string,
  body?: unknown,
  headers: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<Reply> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const signature = await signedHeaders(PARTNER, {
    method,
    url,
    body: payload,
    headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...headers },
  });
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
          ...signature,
          ...headers,
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Runs `task` over `items` with at most `concurrency` at a time. */
export async function pool<T>(
  items: T[],
  concurrency: number,
  task: (item: T, i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await task(items[i], i);
      }
    }),
  );
}
