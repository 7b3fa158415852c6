/** Where tests find PostgreSQL and RabbitMQ. Tests use their own vhost and databases, never the ones `start:all` uses. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const TEST_AMQP_URL = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672/dostek_test';
