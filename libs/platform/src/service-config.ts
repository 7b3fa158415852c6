import { z } from 'zod';
import { brokerUserOf, developmentBrokerPassword, type ServiceName } from '#contracts';
import { authConfigShape } from './auth/auth-config.js';
import { retentionConfigShape } from './retention/retention-config.js';

/** Settings every service needs; each service extends this with its own and validates at start-up. */
export const baseConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535),
  DATABASE_URL: z.url(),
  AMQP_URL: z.string().regex(/^amqps?:\/\//, 'an amqp:// or amqps:// URL'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CONSUMER_PREFETCH: z.coerce.number().int().positive().default(32),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().positive().default(200),
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(500),
  OUTBOX_RELAY_CONCURRENCY: z.coerce.number().int().positive().max(16).default(2),
  /** Connections of the service's own pool (the relay has OUTBOX_RELAY_CONCURRENCY more, plus one to LISTEN). */
  DB_POOL_MAX: z.coerce.number().int().positive().max(100).default(10),
  /** Shifts the service's clock (libs/platform/src/clock.ts); tests and demos only, 0 in production. */
  CLOCK_OFFSET_MS: z.coerce.number().int().default(0),
  ...authConfigShape,
  ...retentionConfigShape,
});
export type BaseConfig = z.infer<typeof baseConfigSchema>;

/** Reads and validates the environment, failing fast with every problem named. */
export function loadConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined> = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`invalid configuration:\n${problems}`);
  }
  return result.data;
}

/**
 * Defaults for local runs: this machine's PostgreSQL and RabbitMQ, one database per service named
 * `${DB_PREFIX}${service}` on the server at POSTGRES_URL, the service's own broker user with its development
 * password (scripts/ensure-infra.sh creates it). Explicit DATABASE_URL, AMQP_URL and PORT win.
 */
export function withLocalDefaults(service: ServiceName, port: number, env: Record<string, string | undefined> = process.env) {
  const server = (env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
  const db = `${env.DB_PREFIX ?? 'dostek_'}${service.replace(/-/g, '_')}`;
  return {
    PORT: String(port),
    DATABASE_URL: `${server}/${db}`,
    AMQP_URL: `amqp://${brokerUserOf(service)}:${developmentBrokerPassword(brokerUserOf(service))}@127.0.0.1:5672`,
    ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  };
}
