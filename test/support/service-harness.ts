import type { INestApplication, Type } from '@nestjs/common';
import pg from 'pg';
import type { ServiceName } from '#contracts';
import { OutboxRelay } from '#messaging';
import { createServiceApp } from '#platform';
import { serviceAmqpUrl } from './broker-users.js';
import { provisionServiceDatabase } from './service-database.js';
import { defaultCredentials } from './test-credentials.js';
import { TestClock } from './test-clock.js';
import { TEST_AMQP_URL, TEST_NAMESPACE, TEST_POSTGRES_URL } from './test-env.js';

export interface ServiceUnderTest {
  app: INestApplication;
  baseUrl: string;
  /** A superuser's connection to the service's own database, for assertions (the service runs as its runtime role). */
  db: pg.Client;
  /** The database as the service's owner role, for tests that play a migration themselves. */
  ownerUrl: string;
  /** The service's clock, for tests that set the time. */
  clock: TestClock;
  /** Publishes every committed outbox row now. */
  flushOutbox(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts one service in-process against a freshly created database of its own (provisioned with the service's owner and
 * runtime roles, as in production: it migrates as the owner and runs as the runtime role) and the test vhost (as its
 * own broker user),
 * listening on a free port. The app module is imported only after the environment is set.
 */
export async function startService(
  service: string,
  loadModule: () => Promise<Type>,
  env: Record<string, string> = {},
): Promise<ServiceUnderTest> {
  const dbPrefix = `dostek_it_${TEST_NAMESPACE}`;
  const dbName = `${dbPrefix}${service.replace(/-/g, '_')}`;
  const admin = new pg.Client({ connectionString: `${TEST_POSTGRES_URL}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
  const database = await provisionServiceDatabase(service, dbPrefix);
  Object.assign(process.env, {
    // Said explicitly (Jest sets it too): the development credentials are trusted in no other mode.
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: database.runtimeUrl,
    DATABASE_OWNER_URL: database.ownerUrl,
    // The service's own broker user on the test vhost, as in production.
    AMQP_URL: serviceAmqpUrl(service as ServiceName, TEST_AMQP_URL),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    OUTBOX_POLL_MS: '200',
    ...env,
  });
  const app = await createServiceApp(await loadModule(), { title: service, description: `${service} under test` });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const db = new pg.Client({ connectionString: `${TEST_POSTGRES_URL}/${dbName}` });
  await db.connect();
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    db,
    ownerUrl: database.ownerUrl,
    clock: TestClock.of(app),
    flushOutbox: () => app.get(OutboxRelay).flush(),
    async close() {
      await db.end();
      await app.close();
    },
  };
}

/**
 * JSON over HTTP for tests: status, content type and parsed body. Requests carry credentials: those in `headers` when
 * a test gives `authorization` or `signature`, none with `{ credentials: 'none' }`, else the caller whose job the call
 * is (defaultCredentials: the development partner, or staff for staff actions).
 */
export async function http(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  { credentials = 'default' }: { credentials?: 'default' | 'none' } = {},
) {
  const url = `${baseUrl}${path}`;
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const given = Object.keys(headers).some((h) => ['authorization', 'signature'].includes(h.toLowerCase()));
  const sent = { ...(text === undefined ? {} : { 'content-type': 'application/json' }), ...headers };
  const auth = credentials === 'none' || given ? {} : await defaultCredentials(method, url, text, sent);
  const res = await fetch(url, {
    method,
    headers: { ...(text === undefined ? {} : { 'content-type': 'application/json' }), ...auth, ...headers },
    body: text,
  });
  const received = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    headers: res.headers,
    body: received ? JSON.parse(received) : undefined,
  };
}
