// How much the platform's HTTP request logging costs: an HTTP server with httpLoggerOptions in a child process, CPU
// per request with no pino-http, LOG_LEVEL=warn, info (the default) and a line per request. After `npm run build`:
// `node scripts/measure-request-logging.mjs` (docs/observability.md#request-logs).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const variant = process.argv[2];
if (variant && process.argv[3] === 'serve') {
  const { pinoHttp } = await import('pino-http');
  const { httpLoggerOptions } = await import('../dist/libs/platform/src/request-logging.js');
  const log =
    variant === 'none' ? null : pinoHttp(httpLoggerOptions('payment-router', variant === 'every' ? 'debug' : variant));
  const body = JSON.stringify({
    id: '8e74b647-31dd-41c6-b728-beb4a36649f3',
    status: 'COMPLETED',
    pad: 'x'.repeat(800),
  });
  const server = createServer((req, res) => {
    log?.(req, res);
    res.setHeader('content-type', 'application/json');
    res.end(body);
  });
  server.listen(0, '127.0.0.1', () => process.send(server.address().port));
} else {
  const cpu = (pid) => {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  };
  const N = 6000;
  const results = {};
  for (let rep = 0; rep < 3; rep++)
    for (const v of ['none', 'warn', 'info', 'every']) {
      const child = spawn(process.execPath, [fileURLToPath(import.meta.url), v, 'serve'], {
        stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      });
      let bytes = 0;
      child.stdout.on('data', (c) => (bytes += c.length));
      const port = await new Promise((r) => child.once('message', r));
      const url = `http://127.0.0.1:${port}/v1/payments/8e74b647-31dd-41c6-b728-beb4a36649f3?phone=996555000001`;
      for (let i = 0; i < 500; i++) await (await fetch(url)).text(); // warm-up
      const c0 = cpu(child.pid);
      const t0 = performance.now();
      let sent = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (sent++ < N) await (await fetch(url)).text();
        }),
      );
      const ms = (cpu(child.pid) - c0) / N;
      (results[v] ??= []).push(ms);
      console.log(
        `rep ${rep} ${v.padEnd(5)}: ${(ms * 1000).toFixed(0)} µs CPU/request, ${(N / ((performance.now() - t0) / 1000)).toFixed(0)} req/s, ${(bytes / 1024).toFixed(0)} KiB logged`,
      );
      child.kill();
    }
  for (const [v, xs] of Object.entries(results))
    console.log(`${v}: median ${(xs.sort((a, b) => a - b)[1] * 1000).toFixed(0)} µs CPU/request`);
}
