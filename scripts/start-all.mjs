#!/usr/bin/env node
// Makes sure PostgreSQL and RabbitMQ run on this machine (scripts/ensure-infra.sh: installs them where they are
// missing, starts them where they are stopped), builds, and runs the four services and the staff's back office
// (apps/back-office, which calls the four over HTTP) as separate processes. Each service migrates its database as
// its owner role and runs as its runtime role (ensure-infra creates both and the database). Ctrl-C stops them all.
// Services always log JSON lines; at a terminal this script shows each as one readable line (pino-pretty), and
// elsewhere passes the JSON on. `--no-infra` leaves the infrastructure check out (so does setting POSTGRES_URL or
// AMQP_URL: the script knows only the local defaults), `--no-build` the build.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const SERVICES = [
  ['payment-router', 3000],
  ['wallet', 3001],
  ['sochi-balance', 3002],
  ['ecp-invoicing', 3003],
  ['back-office', 3004],
];

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
if (!process.argv.includes('--no-infra') && !process.env.POSTGRES_URL && !process.env.AMQP_URL)
  run('bash', ['scripts/ensure-infra.sh']);
if (!process.argv.includes('--no-build')) run('npm', ['run', 'build']);

const format = process.stdout.isTTY
  ? await terminalFormat()
  : { line: (line) => line, prefix: (name) => name.padEnd(15) };
const children = new Map();
let stopping = false;

const services = SERVICES.map(([name, defaultPort]) => {
  const envName = name.toUpperCase().replace(/-/g, '_');
  return { name, envName, port: Number(process.env[`${envName}_PORT`] ?? defaultPort) };
});
// Where each service listens, for those that call it (payment-router's questions, the back office): WALLET_URL, ….
const serviceUrls = Object.fromEntries(
  services.map(({ envName, port }) => [`${envName}_URL`, process.env[`${envName}_URL`] ?? `http://127.0.0.1:${port}`]),
);

for (const { name, port } of services) {
  const child = spawn(process.execPath, [`dist/apps/${name}/src/main.js`], {
    cwd: root,
    // Development unless the shell says otherwise: only NODE_ENV=development or test trusts the development
    // credentials, and a service started with NODE_ENV unset refuses to start.
    env: { NODE_ENV: 'development', ...process.env, ...serviceUrls, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.set(name, child);
  const prefix = `${format.prefix(name)}|`;
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) {
        for (const shown of format.line(line).split('\n')) process.stdout.write(`${prefix} ${shown}\n`);
      }
    });
  }
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      process.stdout.write(`${prefix} exited (${signal ?? code}); stopping the others\n`);
      stop(1);
    } else if (children.size === 0) process.exit(process.exitCode ?? 0);
  });
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const child of children.values()) child.kill('SIGTERM');
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
    process.exit(code);
  }, 10_000).unref();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
process.stdout.write(
  `starting ${services.map(({ name, port }) => `${name} :${port}`).join(', ')} (Ctrl-C stops all)\n`,
);
await waitUntilHealthy();
if (!stopping) {
  const width = Math.max(...services.map(({ name }) => name.length));
  process.stdout.write(
    [
      '',
      'All four services and the back office are up:',
      ...services.map(({ name, port }) => {
        const base = `http://127.0.0.1:${port}`;
        if (name === 'back-office')
          return `  ${name.padEnd(width)}  ${base}   the staff's web app (development sign-in: any name and roles)`;
        return `  ${name.padEnd(width)}  ${base}   API docs ${base}/docs   health ${base}/health`;
      }),
      // The router sends each payment's final status there (signed with PARTNER_CALLBACK_KEY); unset, none is sent.
      process.env.PARTNER_CALLBACK_URL
        ? `Final-status callbacks go to ${process.env.PARTNER_CALLBACK_URL} (PARTNER_CALLBACK_URL).`
        : 'No final-status callbacks (set PARTNER_CALLBACK_URL to receive them); GET /v1/payments/{id}?wait=5000 long-polls.',
      'Demo data (the MegaPay wallet 996555000001, an organization, an ЭЦП invoice): npm run seed, in another terminal.',
      'Ctrl-C stops them all.',
      '',
    ].join('\n'),
  );
}

/** Resolves once every service answers GET /health with 200, or when the services are being stopped. */
async function waitUntilHealthy() {
  const pending = new Set(services);
  while (pending.size > 0 && !stopping) {
    for (const service of pending) {
      const res = await fetch(`http://127.0.0.1:${service.port}/health`, { signal: AbortSignal.timeout(2000) }).catch(
        () => null,
      );
      if (res?.ok) pending.delete(service);
      await res?.body?.cancel();
    }
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** One readable line per JSON log line: time, level, [context] message, and what else the line carries, compactly. */
async function terminalFormat() {
  const { prettyFactory, isColorSupported } = await import('pino-pretty');
  const pretty = prettyFactory({
    translateTime: 'SYS:HH:MM:ss.l',
    // The service is in the prefix; the request is in the message.
    ignore: 'pid,hostname,name,context,req,res,responseTime',
    singleLine: true,
    messageFormat: (log, messageKey) => {
      const context = log.context ? `[${log.context}] ` : '';
      const request =
        log.req && log.res ? ` ${log.req.method} ${log.req.url} → ${log.res.statusCode} in ${log.responseTime} ms` : '';
      return `${context}${log[messageKey] ?? ''}${request}`;
    },
  });
  const colours = [36, 35, 33, 34, 32];
  return {
    // An error's stack comes as more lines; each gets the service's prefix.
    line: (line) => (pretty(line) ?? line).trimEnd(),
    prefix: (name) => {
      const padded = name.padEnd(15);
      const colour = colours[SERVICES.findIndex(([n]) => n === name) % colours.length];
      return isColorSupported ? `\x1b[${colour}m${padded}\x1b[39m` : padded;
    },
  };
}
