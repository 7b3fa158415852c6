import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import amqp from 'amqplib';
import pg from 'pg';
import { TOPOLOGY } from '#contracts';
import { serviceAmqpUrl } from './broker-users.js';
import { repositoryRoot as root } from './repository-root.js';
import { provisionServiceDatabase, type ServiceDatabase } from './service-database.js';
import { TEST_AMQP_URL, TEST_NAMESPACE, TEST_PORT_OFFSET, TEST_POSTGRES_URL } from './test-env.js';

export const SERVICE_NAMES = ['payment-router', 'wallet', 'sochi-balance', 'ecp-invoicing'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const HOUR_MS = 3_600_000;
const BISHKEK_OFFSET_MS = 6 * HOUR_MS;

/**
 * The services' clock offset for a run of the whole system on real time: zero, unless the Bishkek wall clock is within
 * an hour before or two hours after midnight; then three hours back, so that a run never crosses a Bishkek day (or
 * month) edge by the chance of when CI starts, and stays behind real time (certificates are valid when checked).
 * The edges themselves are tested on purpose, with the clock set (test/calendar).
 */
export function clockOffsetAvoidingMidnight(now = Date.now()): number {
  const hourOfDay = Math.floor((now + BISHKEK_OFFSET_MS) / HOUR_MS) % 24;
  return hourOfDay >= 23 || hourOfDay < 2 ? -3 * HOUR_MS : 0;
}

export interface SystemOptions {
  /**
   * Databases are `${dbPrefix}${service}`; they are dropped and provisioned again with the service's roles first, so
   * every run starts empty and the services run as in production: migrating as the owner, serving as the runtime role.
   */
  dbPrefix: string;
  /** payment-router gets basePort, wallet +1, sochi-balance +2, ecp-invoicing +3; instance k adds 10 × k. */
  basePort: number;
  /** Processes per service, all sharing the service's database and queue. */
  instances?: number;
  /** The broker and vhost; each service connects there as its own broker user. */
  amqpUrl?: string;
  /**
   * A RabbitMQ cluster's nodes instead (AMQP_URLS, each as the service's own user); each service lists them from a
   * different first node, so that the connections spread and losing any node moves some of them.
   */
  amqpUrls?: string[];
  /** The PostgreSQL server (no database), TEST_POSTGRES_URL by default: the restore drill brings its own cluster. */
  postgresUrl?: string;
  env?: Record<string, string>;
  /** Node options before the service's main script (the benchmark preloads its profiler hook). */
  nodeArgs?: string[];
}

/**
 * The four services as separate OS processes, started from the build in dist/ exactly as in production,
 * with their logs in test-logs/. A service can be killed with any signal and started again.
 */
export class RunningSystem {
  private readonly processes = new Map<string, ChildProcess>();
  private readonly clients = new Map<ServiceName, pg.Client>();
  private readonly databases = new Map<ServiceName, ServiceDatabase>();
  /** CLOCK_OFFSET_MS of every service (unless the environment sets one); see clockOffsetAvoidingMidnight. */
  readonly clockOffsetMs = clockOffsetAvoidingMidnight();

  private constructor(private readonly options: SystemOptions) {}

  static async start(options: SystemOptions): Promise<RunningSystem> {
    const system = new RunningSystem(options);
    const admin = new pg.Client({ connectionString: `${system.postgresUrl}/postgres` });
    await admin.connect();
    for (const s of SERVICE_NAMES) await admin.query(`DROP DATABASE IF EXISTS ${system.dbName(s)} WITH (FORCE)`);
    await admin.end();
    for (const s of SERVICE_NAMES)
      system.databases.set(
        s,
        await provisionServiceDatabase(s, `${options.dbPrefix}${TEST_NAMESPACE}`, system.postgresUrl),
      );
    try {
      // Start one first so that the shared exchanges and one migration exist before the rest race.
      await system.startService('payment-router');
      await Promise.all(SERVICE_NAMES.filter((s) => s !== 'payment-router').map((s) => system.startService(s)));
      for (let k = 1; k < (options.instances ?? 1); k++)
        await Promise.all(SERVICE_NAMES.map((s) => system.startService(s, k)));
      // Each service declares only its own queue: a test publishes only once every queue exists, so no event of
      // the test's first moments comes back unroutable.
      await system.waitForQueues();
    } catch (e) {
      // The caller never gets the system to stop: a process left running would consume the vhost's queues for
      // the next run (and hold its prefetch of messages against a database that is gone).
      await system.stop();
      throw e;
    }
    return system;
  }

  /** The services' time: what a test passes as "now" (an autopayment's startAt, today's date). */
  now(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  get instances(): number {
    return this.options.instances ?? 1;
  }

  url(service: ServiceName, instance = 0): string {
    return `http://127.0.0.1:${this.port(service, instance)}`;
  }

  /** Starts an instance; `env` adds to (and wins over) the system's environment for this start only. */
  async startService(service: ServiceName, instance = 0, env: Record<string, string> = {}): Promise<void> {
    mkdirSync(`${root}/test-logs`, { recursive: true });
    const log = createWriteStream(
      `${root}/test-logs/${this.options.dbPrefix}${TEST_NAMESPACE}${service}-${instance}.log`,
      { flags: 'a' },
    );
    const child = spawn(
      process.execPath,
      [...(this.options.nodeArgs ?? []), `${root}/dist/apps/${service}/src/main.js`],
      {
        cwd: root,
        env: {
          ...process.env,
          // Said explicitly: the development credentials these tests sign with are trusted in no other mode.
          NODE_ENV: 'test',
          NODE_OPTIONS: '',
          CLOCK_OFFSET_MS: process.env.CLOCK_OFFSET_MS ?? String(this.clockOffsetMs),
          PORT: String(this.port(service, instance)),
          DATABASE_URL: this.databases.get(service)!.runtimeUrl,
          DATABASE_OWNER_URL: this.databases.get(service)!.ownerUrl,
          AMQP_URL: serviceAmqpUrl(service, this.options.amqpUrl ?? TEST_AMQP_URL),
          ...(this.options.amqpUrls
            ? {
                AMQP_URLS: this.nodesFrom(SERVICE_NAMES.indexOf(service) + instance)
                  .map((u) => serviceAmqpUrl(service, u))
                  .join(','),
              }
            : {}),
          WALLET_URL: this.url('wallet'),
          SOCHI_BALANCE_URL: this.url('sochi-balance'),
          ECP_INVOICING_URL: this.url('ecp-invoicing'),
          LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
          OUTBOX_POLL_MS: '200',
          // The load the tests and the benchmark generate is not what the partner limit is for.
          RATE_LIMIT_PARTNER_PER_MINUTE: '100000000',
          ...this.options.env,
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    // Both streams share one file: end it once the child's stdio has closed, not when the first stream ends.
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    child.once('close', () => log.end());
    this.processes.set(`${service}#${instance}`, child);
    await this.waitHealthy(service, instance, child);
  }

  /** Kills an instance (SIGKILL by default: no shutdown hooks, no acks, no commits in flight) and waits for it to be gone. */
  async kill(service: ServiceName, signal: NodeJS.Signals = 'SIGKILL', instance = 0): Promise<void> {
    const key = `${service}#${instance}`;
    const child = this.processes.get(key);
    if (!child) return;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    }
    this.processes.delete(key);
  }

  /** Instances that ended without being told to (a crash), as `service#instance (exit code or signal)`. */
  crashed(): string[] {
    return [...this.processes.entries()]
      .filter(([, child]) => child.exitCode !== null || child.signalCode !== null)
      .map(([key, child]) => `${key} (${child.exitCode ?? child.signalCode})`);
  }

  /** The OS process id of a running instance (the benchmark reads its CPU time from /proc). */
  pid(service: ServiceName, instance = 0): number | undefined {
    return this.processes.get(`${service}#${instance}`)?.pid;
  }

  async restart(service: ServiceName, instance = 0): Promise<void> {
    await this.kill(service, 'SIGKILL', instance);
    await this.startService(service, instance);
  }

  /** A superuser's connection to one service's own database, for the test's assertions (the services never share one). */
  async db(service: ServiceName): Promise<pg.Client> {
    let client = this.clients.get(service);
    if (!client) {
      const fresh = new pg.Client({ connectionString: this.databaseUrl(service) });
      // A database restart ends the connection: forget it, and the next call connects again.
      fresh.on('error', () => this.clients.get(service) === fresh && this.clients.delete(service));
      fresh.on('end', () => this.clients.get(service) === fresh && this.clients.delete(service));
      await fresh.connect();
      this.clients.set(service, fresh);
      client = fresh;
    }
    return client;
  }

  async stop(): Promise<void> {
    for (const c of this.clients.values()) await c.end().catch(() => undefined);
    await Promise.all(
      [...this.processes.keys()].map((key) => {
        const [service, instance] = key.split('#');
        return this.kill(service as ServiceName, 'SIGTERM', Number(instance));
      }),
    );
  }

  get postgresUrl(): string {
    return (this.options.postgresUrl ?? TEST_POSTGRES_URL).replace(/\/+$/, '');
  }

  /** The service's own database, on the system's PostgreSQL server. */
  databaseUrl(service: ServiceName): string {
    return `${this.postgresUrl}/${this.dbName(service)}`;
  }

  /** The name of the service's own database. */
  dbName(service: ServiceName): string {
    return `${this.options.dbPrefix}${TEST_NAMESPACE}${service.replace(/-/g, '_')}`;
  }

  private port(service: ServiceName, instance = 0): number {
    return this.options.basePort + TEST_PORT_OFFSET + 10 * instance + SERVICE_NAMES.indexOf(service);
  }

  /** The cluster's nodes, starting from the k-th. */
  private nodesFrom(k: number): string[] {
    const nodes = this.options.amqpUrls ?? [];
    return nodes.map((_, i) => nodes[(k + i) % nodes.length]);
  }

  private async waitForQueues(): Promise<void> {
    const conn = await amqp.connect(this.options.amqpUrl ?? TEST_AMQP_URL);
    conn.on('error', () => undefined);
    try {
      const deadline = Date.now() + 30_000;
      for (const { queue } of TOPOLOGY) {
        for (;;) {
          // A passive declare of a missing queue closes its channel: one channel per look.
          const ch = await conn.createChannel();
          ch.on('error', () => undefined);
          const found = await ch.checkQueue(queue).then(
            () => true,
            () => false,
          );
          if (found) {
            await ch.close().catch(() => undefined);
            break;
          }
          if (Date.now() > deadline) throw new Error(`queue ${queue} was not declared within 30 s; see test-logs/`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    } finally {
      await conn.close().catch(() => undefined);
    }
  }

  private async waitHealthy(service: ServiceName, instance: number, child: ChildProcess): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`${service} exited with ${child.exitCode} while starting; see test-logs/`);
      try {
        const res = await fetch(`${this.url(service, instance)}/health`, { signal: AbortSignal.timeout(1000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${service} did not become healthy within 60 s; see test-logs/`);
  }
}
