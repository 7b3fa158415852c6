import { describe, expect, it } from '@jest/globals';
import { baseConfigSchema, brokerUrlsOf, withLocalDefaults } from './service-config.js';

describe('withLocalDefaults: the development roles scripts/ensure-infra.sh creates', () => {
  it('runs as the runtime role and migrates as the owner, each with its dev-only password', () => {
    expect(withLocalDefaults('payment-router', 3000, {})).toMatchObject({
      DATABASE_URL:
        'postgres://dostek_payment_router_app:dev-only-dostek_payment_router_app@127.0.0.1:5432/dostek_payment_router',
      DATABASE_OWNER_URL:
        'postgres://dostek_payment_router_owner:dev-only-dostek_payment_router_owner@127.0.0.1:5432/dostek_payment_router',
    });
  });

  it("takes the server from POSTGRES_URL (its user replaced) and the databases' prefix from DB_PREFIX", () => {
    expect(
      withLocalDefaults('wallet', 3001, { POSTGRES_URL: 'postgres://postgres@db.internal:6543/', DB_PREFIX: 'demo_' }),
    ).toMatchObject({
      DATABASE_URL: 'postgres://dostek_wallet_app:dev-only-dostek_wallet_app@db.internal:6543/demo_wallet',
      DATABASE_OWNER_URL: 'postgres://dostek_wallet_owner:dev-only-dostek_wallet_owner@db.internal:6543/demo_wallet',
    });
  });

  it("gives no owner URL beside an explicit DATABASE_URL: that database's owner is not ours to guess", () => {
    const config = withLocalDefaults('wallet', 3001, { DATABASE_URL: 'postgres://app@db/wallet' });
    expect(config.DATABASE_URL).toBe('postgres://app@db/wallet');
    expect(config).not.toHaveProperty('DATABASE_OWNER_URL');
  });
});

describe("brokerUrlsOf: one broker or a cluster's nodes", () => {
  const nodes = 'amqp://w:p@127.0.0.1:5681, amqp://w:p@127.0.0.1:5682,amqp://w:p@127.0.0.1:5683';

  it('takes every node of AMQP_URLS, in order, over AMQP_URL', () => {
    expect(brokerUrlsOf({ AMQP_URL: 'amqp://w:p@mq:5672', AMQP_URLS: nodes })).toEqual([
      'amqp://w:p@127.0.0.1:5681',
      'amqp://w:p@127.0.0.1:5682',
      'amqp://w:p@127.0.0.1:5683',
    ]);
  });

  it('falls back to AMQP_URL, and refuses to start with neither', () => {
    expect(brokerUrlsOf({ AMQP_URL: 'amqp://w:p@mq:5672' })).toEqual(['amqp://w:p@mq:5672']);
    expect(() => brokerUrlsOf({})).toThrow('AMQP_URL or AMQP_URLS');
  });

  it('validates AMQP_URLS as a list of amqp URLs', () => {
    const base = { PORT: '1', DATABASE_URL: 'postgres://127.0.0.1:5432/x' };
    expect(baseConfigSchema.safeParse({ ...base, AMQP_URLS: nodes }).success).toBe(true);
    expect(baseConfigSchema.safeParse({ ...base, AMQP_URLS: 'amqp://a:b@x:1,http://y' }).success).toBe(false);
  });
});
