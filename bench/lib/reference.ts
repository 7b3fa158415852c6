import { execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import pg from 'pg';
import type { OpenLoopRun } from './open-loop.js';

const run = promisify(execFile);
export const PGBENCH = process.env.PGBENCH ?? '/usr/lib/postgresql/15/bin/pgbench';

/** Which service's migrations build which schema of the scratch database. */
const SCHEMAS = [
  ['router', 'payment-router'],
  ['wallet', 'wallet'],
  ['sochi', 'sochi-balance'],
] as const;

/** Drops and creates a database on the server; returns a client connected to it (the caller ends it). */
export async function freshDatabase(serverUrl: string, name: string): Promise<pg.Client> {
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const db = new pg.Client({ connectionString: `${serverUrl}/${name}` });
  await db.connect();
  return db;
}

/**
 * A scratch database with the same tables as the services: each service's own migrations (from dist/) run in a schema
 * of their own, so one pgbench connection can do every service's transactions.
 */
export async function createScratch(
  serverUrl: string,
  name: string,
  root: string,
  wallets: number,
  orgs: number,
): Promise<string> {
  const url = `${serverUrl}/${name}`;
  const db = await freshDatabase(serverUrl, name);
  try {
    for (const [schema, service] of SCHEMAS) {
      await db.query(`CREATE SCHEMA ${schema}`);
      await db.query(`SET search_path TO ${schema}`);
      const dir = `${root}/dist/apps/${service}/src/persistence/migrations`;
      for (const file of readdirSync(dir)
        .filter((f) => f.endsWith('.js'))
        .sort()) {
        const mod = await import(`${dir}/${file}`);
        for (const Migration of Object.values(mod) as Array<
          new () => { up(q: { query(sql: string, p?: unknown[]): Promise<unknown> }): Promise<void> }
        >) {
          if (typeof Migration === 'function' && 'up' in Migration.prototype)
            await new Migration().up({ query: (sql, p) => db.query(sql, p as unknown[]) });
        }
      }
    }
    await db.query(`SET search_path TO public`);
    await db.query(
      `INSERT INTO wallet.wallets (phone, balance) SELECT (996700000000 + g)::text, 1000000000000000 FROM generate_series(1, $1) g`,
      [wallets],
    );
    await db.query(
      `INSERT INTO wallet.wallet_month_turnover (phone, month, amount) SELECT (996700000000 + g)::text, to_char(now(), 'YYYY-MM'), 0 FROM generate_series(1, $1) g`,
      [wallets],
    );
    await db.query(
      `INSERT INTO sochi.organizations (inn, name) SELECT lpad((30000000000000 + g)::text, 14, '0'), 'Org ' || g FROM generate_series(1, $1) g`,
      [orgs],
    );
    await db.query(`VACUUM ANALYZE`);
  } finally {
    await db.end();
  }
  return url;
}

export interface PgbenchResult {
  clients: number;
  tps: number;
  latencyMs: number;
}

/** One pgbench run of the payment script; tps = payments per second (the script is one payment). */
export async function pgbench(
  url: string,
  script: string,
  clients: number,
  seconds: number,
  vars: Record<string, number>,
): Promise<PgbenchResult> {
  const args = ['-n', '-M', 'simple', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', script];
  for (const [k, v] of Object.entries(vars)) args.push('-D', `${k}=${v}`);
  const { stdout } = await run(PGBENCH, [...args, url], { maxBuffer: 10 * 1024 * 1024 });
  const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
  const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
  if (!Number.isFinite(tps)) throw new Error(`pgbench printed no tps:\n${stdout}`);
  return { clients, tps, latencyMs };
}

export interface BaselineResult {
  clients: number;
  tps: number;
  errors: number;
}

/** The single-transaction baseline (bench/baseline.ts) in a process of its own. */
export function baseline(
  root: string,
  url: string,
  clients: number,
  seconds: number,
  wallets: number,
  orgs: number,
): Promise<BaselineResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [`${root}/dist/bench/baseline.js`, url, String(clients), String(seconds), String(wallets), String(orgs)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`baseline exited ${code}`))));
  });
}

export async function psqlScalar(url: string, sql: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return String(Object.values((await c.query(sql)).rows[0] ?? {})[0]);
  } finally {
    await c.end();
  }
}

/**
 * R1 at one open-loop rate: the baseline in a process of its own, paying on schedule over `clients` connections.
 * `hooks` fire when its measured window starts and when its last payment is sent; `started` gets its pid.
 */
export function baselineOpenLoop(
  root: string,
  url: string,
  args: { clients: number; rate: number; warmupSeconds: number; measureSeconds: number; drainMs: number },
  wallets: number,
  orgs: number,
  hooks: { started: (pid: number) => void; onMeasure: () => Promise<void>; onSent: () => Promise<void> },
): Promise<OpenLoopRun> {
  const resultFile = `${tmpdir()}/dostek-r1-${process.pid}-${args.rate}-${Date.now()}.json`;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        `${root}/dist/bench/baseline.js`,
        url,
        String(args.clients),
        String(args.measureSeconds),
        String(wallets),
        String(orgs),
        String(args.rate),
        String(args.warmupSeconds),
        String(args.drainMs),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_RESULT_FILE: resultFile } },
    );
    hooks.started(child.pid!);
    let out = '';
    let hooked = Promise.resolve();
    child.stdout.on('data', (c) => {
      out += c;
      const lines = out.split('\n');
      out = lines.pop()!;
      for (const line of lines) {
        if (line === 'measure') hooked = hooked.then(hooks.onMeasure);
        else if (line === 'sent') hooked = hooked.then(hooks.onSent);
      }
    });
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`baseline exited ${code}`));
      void hooked.then(() => {
        const run = JSON.parse(readFileSync(resultFile, 'utf8')) as OpenLoopRun;
        rmSync(resultFile, { force: true });
        resolve(run);
      }, reject);
    });
  });
}
