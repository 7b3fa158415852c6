import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import { httpLoggerOptions, maskPhones } from './request-logging.js';

describe('maskPhones', () => {
  it.each([
    ['/v1/wallets/996555000001', '/v1/wallets/996555****01'],
    ['/v1/wallets/996555000001/top-ups?phone=996700123456', '/v1/wallets/996555****01/top-ups?phone=996700****56'],
    ['+996555000001', '+996555****01'],
  ])('masks %s as %s', (text, masked) => expect(maskPhones(text)).toBe(masked));

  it.each([
    '/v1/sochi/organizations/01234567890123',
    '/v1/ecp/invoices/4996555000001002',
    '/v1/payments/9965550000012',
    '99655500000',
  ])('leaves %s, which holds no phone of its own, as it is', (text) => expect(maskPhones(text)).toBe(text));
});

/** Serves one request through pino-http with the platform's options and returns every line it logged. */
async function logOf(path: string, headers: Record<string, string>): Promise<string[]> {
  const lines: string[] = [];
  const stream = new Writable({
    write: (chunk, _enc, done) => void (lines.push(...String(chunk).split('\n').filter(Boolean)), done()),
  });
  const log = pinoHttp(httpLoggerOptions('wallet', 'debug'), stream);
  const server = createServer((req, res) => {
    // As Express hands them to nestjs-pino's middleware (mounted on `*splat`): its path parameters and the parsed query.
    Object.assign(req, {
      params: { splat: ['v1', 'wallets', '996555000001', 'operations'] },
      query: { phone: '996700123456' },
    });
    log(req, res);
    req.log.info('inside the handler');
    res.statusCode = 404;
    res.setHeader('set-cookie', 'session=secret');
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address() as { port: number };
    await (await fetch(`http://127.0.0.1:${port}${path}`, { headers })).text();
  } finally {
    await new Promise((r) => server.close(r));
  }
  return lines;
}

describe('the request log', () => {
  const secrets = {
    authorization: 'Bearer t0ken',
    cookie: 'session=c00kie',
    signature: 'sig1=:c2ln:',
    'signature-input': 'sig1=("@method");keyid="k"',
    'x-trace': 'kept',
  };

  it('masks phones in the URL, path parameters and query, and never writes credential headers', async () => {
    const lines = await logOf('/v1/wallets/996555000001/operations?phone=996700123456', secrets);
    const entries = lines.map((l) => JSON.parse(l));
    expect(entries.map((e) => e.msg)).toEqual(['inside the handler', 'request completed']);
    for (const { req } of entries) {
      expect(req.url).toBe('/v1/wallets/996555****01/operations?phone=996700****56');
      expect(req.headers['x-trace']).toBe('kept');
      for (const header of ['authorization', 'cookie', 'signature', 'signature-input'])
        expect(req.headers).not.toHaveProperty(header);
    }
    expect(entries[1].req.params).toEqual({ splat: ['v1', 'wallets', '996555****01', 'operations'] });
    expect(entries[1].req.query).toEqual({ phone: '996700****56' });
    expect(entries[1].res.headers).not.toHaveProperty('set-cookie');
    const all = lines.join('\n');
    for (const secret of ['996555000001', '996700123456', 't0ken', 'c00kie', 'c2ln', 'keyid'])
      expect(all).not.toContain(secret);
  });
});

describe('log lines that join traces', () => {
  it('carry the trace_id and span_id of the span they are written in, none outside one, and mask phones in messages', async () => {
    const { NodeTracerProvider } = await import('@opentelemetry/sdk-trace-node');
    const { context, trace } = await import('@opentelemetry/api');
    const { pino } = await import('pino');
    const provider = new NodeTracerProvider();
    provider.register();
    try {
      const lines: Record<string, unknown>[] = [];
      const stream = new Writable({
        write: (chunk, _enc, done) => void (lines.push(JSON.parse(String(chunk))), done()),
      });
      const { mixin, hooks } = httpLoggerOptions('wallet', 'info');
      const logger = pino({ mixin, hooks } as Parameters<typeof pino>[0], stream);
      const span = provider.getTracer('test').startSpan('payment.requested.v1 process');
      context.with(trace.setSpan(context.active(), span), () => logger.warn('wallet 996555000001 not found'));
      logger.info('outside any span');
      span.end();
      expect(lines[0]).toMatchObject({
        trace_id: span.spanContext().traceId,
        span_id: span.spanContext().spanId,
        msg: 'wallet 996555****01 not found',
      });
      expect(lines[1].trace_id).toBeUndefined();
    } finally {
      await provider.shutdown();
      trace.disable();
      context.disable();
    }
  });
});
