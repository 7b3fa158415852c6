import { connect } from 'node:net';
import { defaultCredentials } from './test-credentials.js';

export interface RawResponse {
  status: number;
  headers: Headers;
  contentType: string;
  body: any;
}

/**
 * A request with the body exactly as given — bytes, a form, or text under any Content-Type, or none — for the
 * inputs the JSON `http` helper cannot send. The answer's headers come back too. Signed as `http` signs (the body's
 * bytes are what the signature covers), unless `headers` carry credentials.
 */
export async function sendRaw(
  baseUrl: string,
  method: string,
  path: string,
  body?: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const given = Object.keys(headers).some((h) => ['authorization', 'signature'].includes(h.toLowerCase()));
  const auth = given ? {} : await defaultCredentials(method, `${baseUrl}${path}`, body, headers);
  const res = await fetch(`${baseUrl}${path}`, { method, headers: { ...auth, ...headers }, body });
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    headers: res.headers,
    contentType,
    body: text && /json/.test(contentType) ? JSON.parse(text) : text,
  };
}

/**
 * Writes an HTTP/1.1 request as text straight to the socket, for what fetch refuses to send (a NUL in a header).
 * Returns the status line's code, the headers and the parsed problem.
 */
export async function sendOverSocket(
  baseUrl: string,
  request: string,
): Promise<{ status: number; headers: Record<string, string>; body: any }> {
  const { hostname, port } = new URL(baseUrl);
  const raw = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(request));
    let out = '';
    socket.on('data', (d) => (out += d.toString('utf8')));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
  const [head, ...rest] = raw.split('\r\n\r\n');
  const [statusLine, ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  const text = rest.join('\r\n\r\n');
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: text && /json/.test(headers['content-type'] ?? '') ? JSON.parse(text) : text,
  };
}
