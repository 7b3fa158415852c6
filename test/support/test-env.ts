/** Where tests find PostgreSQL and RabbitMQ. Tests use their own vhost and databases, never the ones `start:all` uses. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const TEST_AMQP_URL = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672/dostek_test';
/**
 * Lets several test runs share one machine: a namespace woven into every test database name, and an offset added
 * to every port the end-to-end tests listen on. Give each run its own vhost in TEST_AMQP_URL too.
 */
export const TEST_NAMESPACE = (process.env.TEST_NAMESPACE ?? '').replace(/[^a-z0-9_]/g, '');
export const TEST_PORT_OFFSET = Number(process.env.TEST_PORT_OFFSET ?? 0);
