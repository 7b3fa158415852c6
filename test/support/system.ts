import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { TEST_AMQP_URL, TEST_POSTGRES_URL } from './test-env.js';

export const SERVICE_NAMES = ['payment-router', 'wallet', 'sochi-balance', 'ecp-invoicing'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface SystemOptions {
  /** Databases are `${dbPrefix}${service}`; they are dropped first, so every run starts empty. */
  dbPrefix: string;
  /** payment-router gets basePort, wallet +1, sochi-balance +2, ecp-invoicing +3. */
  basePort: number;
  amqpUrl?: string;
  env?: Record<string, string>;
}

/**
 * The four services as separate OS processes, started from the build in dist/ exactly as in production,
 * with their logs in test-logs/. A service can be killed with any signal and started again.
 */
export class RunningSystem {
  private readonly processes = new Map<ServiceName, ChildProcess>();
  private readonly clients = new Map<ServiceName, pg.Client>();

  private constructor(private readonly options: SystemOptions) {}

  static async start(options: SystemOptions): Promise<RunningSystem> {
    const system = new RunningSystem(options);
    const admin = new pg.Client({ connectionString: `${TEST_POSTGRES_URL}/postgres` });
    await admin.connect();
    for (const s of SERVICE_NAMES) await admin.query(`DROP DATABASE IF EXISTS ${system.dbName(s)} WITH (FORCE)`);
    await admin.end();
    // Start one first so that the shared topology and one migration exist before the rest race.
    await system.startService('payment-router');
    await Promise.all(SERVICE_NAMES.filter((s) => s !== 'payment-router').map((s) => system.startService(s)));
    return system;
  }

  url(service: ServiceName): string {
    return `http://127.0.0.1:${this.port(service)}`;
  }

  pid(service: ServiceName): number | undefined {
    return this.processes.get(service)?.pid;
  }

  async startService(service: ServiceName): Promise<void> {
    mkdirSync(`${root}/test-logs`, { recursive: true });
    const log = createWriteStream(`${root}/test-logs/${this.options.dbPrefix}${service}.log`, { flags: 'a' });
    const child = spawn(process.execPath, [`${root}/dist/apps/${service}/src/main.js`], {
      cwd: root,
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        PORT: String(this.port(service)),
        DATABASE_URL: `${TEST_POSTGRES_URL}/${this.dbName(service)}`,
        AMQP_URL: this.options.amqpUrl ?? TEST_AMQP_URL,
        WALLET_URL: this.url('wallet'),
        SOCHI_BALANCE_URL: this.url('sochi-balance'),
        ECP_INVOICING_URL: this.url('ecp-invoicing'),
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        OUTBOX_POLL_MS: '200',
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    this.processes.set(service, child);
    await this.waitHealthy(service, child);
  }

  /** Kills a service (SIGKILL by default: no shutdown hooks, no acks, no commits in flight) and waits for it to be gone. */
  async kill(service: ServiceName, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.processes.get(service);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
    this.processes.delete(service);
  }

  async restart(service: ServiceName): Promise<void> {
    await this.kill(service);
    await this.startService(service);
  }

  /** A connection to one service's own database, for the test's assertions (the services never share one). */
  async db(service: ServiceName): Promise<pg.Client> {
    let client = this.clients.get(service);
    if (!client) {
      client = new pg.Client({ connectionString: `${TEST_POSTGRES_URL}/${this.dbName(service)}` });
      await client.connect();
      this.clients.set(service, client);
    }
    return client;
  }

  async stop(): Promise<void> {
    for (const c of this.clients.values()) await c.end().catch(() => undefined);
    await Promise.all(SERVICE_NAMES.map((s) => this.kill(s, 'SIGTERM')));
  }

  private dbName(service: ServiceName): string {
    return `${this.options.dbPrefix}${service.replace(/-/g, '_')}`;
  }

  private port(service: ServiceName): number {
    return this.options.basePort + SERVICE_NAMES.indexOf(service);
  }

  private async waitHealthy(service: ServiceName, child: ChildProcess): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${service} exited with ${child.exitCode} while starting; see test-logs/`);
      try {
        const res = await fetch(`${this.url(service)}/health`, { signal: AbortSignal.timeout(1000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${service} did not become healthy within 60 s; see test-logs/`);
  }
}
