import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { postToPartner } from './partner-post.js';

describe('postToPartner', () => {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        if (req.url === '/silent') return; // never answers
        res.statusCode = req.url === '/broken' ? 500 : 204;
        res.end(req.url === '/broken' ? 'down for maintenance' : undefined);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('sends the body and headers and gives the status, over one kept-alive connection', async () => {
    const body = JSON.stringify({ paymentId: 'p1', status: 'COMPLETED', account: 'ИНН 01234567890123' });
    expect(await postToPartner(`${base}/hook`, { 'content-type': 'application/json' }, body, 1000)).toEqual({
      status: 204,
    });
    expect(await postToPartner(`${base}/hook`, {}, body, 1000)).toEqual({ status: 204 });
    expect(received.at(-1)!.body).toBe(body);
    expect(received.at(-2)!.headers).toMatchObject({
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      connection: 'keep-alive',
    });
  });

  it('gives an error status as it came (the caller decides it failed)', async () => {
    expect(await postToPartner(`${base}/broken`, {}, '{}', 1000)).toEqual({ status: 500 });
  });

  it('fails a partner that does not answer within the timeout, and one that cannot be reached', async () => {
    const started = Date.now();
    expect(await postToPartner(`${base}/silent`, {}, '{}', 200)).toEqual({ error: 'no answer within 200 ms' });
    expect(Date.now() - started).toBeLessThan(2000);
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(await postToPartner(`http://127.0.0.1:${port}/hook`, {}, '{}', 1000)).toEqual({ error: 'ECONNREFUSED' });
    expect(await postToPartner('not a url', {}, '{}', 1000)).toEqual({ error: 'Invalid URL' });
  });
});
