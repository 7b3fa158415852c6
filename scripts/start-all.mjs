#!/usr/bin/env node
// Builds and runs the four services as separate processes against the PostgreSQL and RabbitMQ already running
// on this machine. Each service creates its database and runs its migrations at start-up. Ctrl-C stops them all.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const SERVICES = [
  ['payment-router', 3000],
  ['wallet', 3001],
  ['sochi-balance', 3002],
  ['ecp-invoicing', 3003],
];

if (!process.argv.includes('--no-build')) {
  const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const children = new Map();
let stopping = false;

for (const [name, port] of SERVICES) {
  const envName = name.toUpperCase().replace(/-/g, '_');
  const child = spawn(process.execPath, [`dist/apps/${name}/src/main.js`], {
    cwd: root,
    env: { ...process.env, PORT: process.env[`${envName}_PORT`] ?? String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.set(name, child);
  const prefix = `${name.padEnd(15)}|`;
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) process.stdout.write(`${prefix} ${line}\n`);
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
process.stdout.write(`starting ${SERVICES.map(([n, p]) => `${n} :${p}`).join(', ')} (Ctrl-C stops all)\n`);
