import { z } from 'zod';
import { brokerUserOf, developmentBrokerPassword, type ServiceName } from '#contracts';
import { authConfigShape } from './auth/auth-config.js';
import { metricsSettingsShape } from './observability/metrics-settings.js';
import { retentionConfigShape } from './retention/retention-config.js';

const AMQP_URL_FORM = /^amqps?:\/\//;

/** Settings every service needs; each service extends this with its own and validates at start-up. */
export const baseConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535),
  /** The service's runtime role: rows only (deploy/postgres/service-database.psql); never a superuser nor the owner. */
  DATABASE_URL: z.url(),
  /** The owner role, which runs the migrations at start-up; unset, the service refuses to start while any is pending. */
  DATABASE_OWNER_URL: z.url().optional(),
  /** The broker, as the service's own user; AMQP_URLS wins when both are set. */
  AMQP_URL: z.string().regex(AMQP_URL_FORM, 'an amqp:// or amqps:// URL').optional(),
  /**
   * Every node of a RabbitMQ cluster, comma separated, each as the service's own user: the service connects to one
   * and moves to the next that answers when its node is lost; its quorum queues are declared with one replica a node.
   */
  AMQP_URLS: z
    .string()
    .regex(/^\s*amqps?:\/\/[^,\s]+(\s*,\s*amqps?:\/\/[^,\s]+)*\s*$/, 'amqp:// or amqps:// URLs, comma separated')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CONSUMER_PREFETCH: z.coerce.number().int().positive().default(32),
  // Messages a consumer applies in one transaction at most (what is buffered when it is free; no timer).
  CONSUMER_BATCH_MAX: z.coerce.number().int().positive().default(64),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().positive().default(200),
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(500),
  /** Rows younger than this are left to the process that committed them (it publishes them); then to the relay. */
  OUTBOX_PUBLISH_GRACE_MS: z.coerce.number().int().nonnegative().default(2000),
  OUTBOX_RELAY_CONCURRENCY: z.coerce.number().int().positive().max(16).default(2),
  /** Connections of the service's own pool (the relay has OUTBOX_RELAY_CONCURRENCY more, plus one to LISTEN). */
  DB_POOL_MAX: z.coerce.number().int().positive().max(100).default(10),
  /**
   * Connections of the consumers' own pool, apart from HTTP's so that a burst of requests cannot starve them; a
   * handler holds one for its two or three round trips.
   */
  CONSUMER_DB_POOL_MAX: z.coerce.number().int().positive().max(100).default(4),
  /**
   * Every runtime connection's limits (0 turns one off). No statement of ours runs near 15 s; a lock is held for a
   * transaction's few round trips, so 5 s of waiting means something is stuck and the message is better retried; a
   * transaction idle for 30 s (longer than the relay's 10 s wait for broker confirms) is abandoned and its locks freed.
   */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(15_000),
  DB_LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).default(5_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /** Shifts the service's clock (libs/platform/src/clock.ts); tests and demos only, 0 in production. */
  CLOCK_OFFSET_MS: z.coerce.number().int().default(0),
  ...authConfigShape,
  ...metricsSettingsShape,
  ...retentionConfigShape,
});
export type BaseConfig = z.infer<typeof baseConfigSchema>;

/** The broker URLs to connect to: AMQP_URLS (a cluster's nodes) when set, else AMQP_URL; one of them is required. */
export function brokerUrlsOf(config: Pick<BaseConfig, 'AMQP_URL' | 'AMQP_URLS'>): string[] {
  const urls = config.AMQP_URLS
    ? config.AMQP_URLS.split(',').map((u) => u.trim())
    : config.AMQP_URL
      ? [config.AMQP_URL]
      : [];
  if (urls.length === 0)
    throw new Error('invalid configuration:\n  AMQP_URL or AMQP_URLS: the broker to connect to is required');
  return urls;
}

/** Reads and validates the environment, failing fast with every problem named. */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`invalid configuration:\n${problems}`);
  }
  return result.data;
}

/**
 * Defaults for local runs: this machine's PostgreSQL and RabbitMQ, one database per service named
 * `${DB_PREFIX}${service}` on the server at POSTGRES_URL (its host and port; the user is the service's own), reached
 * as the development roles scripts/ensure-infra.sh creates: `dostek_<service>_app` at run time,
 * `dostek_<service>_owner` for migrations, each with the password `dev-only-<role>`; and the service's own broker
 * user with its development password (also created by ensure-infra.sh). Explicit DATABASE_URL, DATABASE_OWNER_URL,
 * AMQP_URL and PORT win; an explicit DATABASE_URL alone gets no owner URL.
 */
export function withLocalDefaults(
  service: ServiceName,
  port: number,
  env: Record<string, string | undefined> = process.env,
) {
  const name = service.replace(/-/g, '_');
  const as = (role: string) =>
    developmentRoleUrl(env.POSTGRES_URL || 'postgres://127.0.0.1:5432', `${env.DB_PREFIX ?? 'dostek_'}${name}`, role);
  return {
    PORT: String(port),
    ...(env.DATABASE_URL
      ? {}
      : { DATABASE_URL: as(`dostek_${name}_app`), DATABASE_OWNER_URL: as(`dostek_${name}_owner`) }),
    AMQP_URL: `amqp://${brokerUserOf(service)}:${developmentBrokerPassword(brokerUserOf(service))}@127.0.0.1:5672`,
    ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  };
}

/** A database on `server` (a postgres:// URL; its user is replaced) as a development role: password `dev-only-<role>`. */
export function developmentRoleUrl(server: string, database: string, role: string): string {
  const url = new URL(server);
  url.username = role;
  url.password = `dev-only-${role}`;
  url.pathname = `/${database}`;
  return url.toString();
}
