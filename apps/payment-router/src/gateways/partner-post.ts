import http from 'node:http';
import https from 'node:https';

/** The partner's answer to one POST: its status, or why there was none (a refused connection, the timeout). */
export type PartnerAnswer = { status: number } | { error: string };

/**
 * Connections to the partner stay open between callbacks. Node's `http` client, not `fetch`: at a hundred callbacks
 * a second the WHATWG layers of `fetch` cost the router more CPU than signing and sending the request itself (V8
 * profile of `npm run bench -- --profile`, docs/performance.md).
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/** POSTs a JSON body to the partner within `timeoutMs`; the answer's body is read and dropped. */
export function postToPartner(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<PartnerAnswer> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch (e) {
      resolve({ error: (e as Error).message });
      return;
    }
    const client = target.protocol === 'https:' ? https : http;
    const answer = (a: PartnerAnswer) => {
      clearTimeout(timer);
      resolve(a);
    };
    const failed = (e: Error) => answer({ error: (e as NodeJS.ErrnoException).code ?? e.message });
    const req = client.request(
      target,
      {
        method: 'POST',
        agent: agents[target.protocol as keyof typeof agents],
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => answer({ status: res.statusCode ?? 0 }));
        res.on('error', failed);
      },
    );
    // No whole answer within the timeout: the request is abandoned and counts as failed (retried with backoff).
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('error', failed);
    req.end(body);
  });
}
